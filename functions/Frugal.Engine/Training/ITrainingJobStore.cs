namespace Frugal.Engine.Training;

/// <summary>
/// The training queue. Every change is a compare-and-swap on <see cref="TrainingJob.Version"/>, so when two ticks
/// (two timer runs, or a timer and <c>frugal serve</c>) read the same job, one change wins and the other is told
/// it lost: only one of them launches a VM.
/// </summary>
public interface ITrainingJobStore
{
    /// <summary>Adds a job at version 1; false, adding nothing, when a job of that id exists.</summary>
    Task<bool> AddAsync(TrainingJob job, CancellationToken ct);

    /// <summary>The job, or null when there is none of that id.</summary>
    Task<TrainingJob?> GetAsync(string id, CancellationToken ct);

    /// <summary>
    /// Jobs by priority (highest first), then submission time; settled ones (<see cref="TrainingJob.IsSettled"/>)
    /// only when asked, so a succeeded job whose <c>onSuccess</c> step is still to start is listed.
    /// </summary>
    Task<IReadOnlyList<TrainingJob>> ListAsync(bool includeFinished, CancellationToken ct);

    /// <summary>
    /// Writes <paramref name="job"/> if the stored job is still at <paramref name="job"/>'s version; returns it at
    /// the next version, or null when another writer changed it first (nothing is written).
    /// </summary>
    Task<TrainingJob?> TryReplaceAsync(TrainingJob job, CancellationToken ct);
}
