namespace Frugal.Engine.Training;

/// <summary>
/// How a training job tells Frugal it has finished: a marker object it writes beside its checkpoints
/// (<c>{checkpointUri}/_FRUGAL_SUCCEEDED</c> or <c>_FRUGAL_FAILED</c>, the latter holding the reason as text).
/// Implemented for <c>gs://</c> (Frugal.Google) and local folders (<c>file://</c>, for the command line).
/// </summary>
public interface ITrainingOutcomes
{
    /// <summary>The outcome the job wrote, or null while it has written none.</summary>
    Task<TrainingOutcome?> ReadAsync(Uri checkpointUri, CancellationToken ct);
}

/// <summary>A finished job's own verdict, with the reason a failed job gave.</summary>
public sealed record TrainingOutcome(bool Succeeded, string? Reason, DateTimeOffset? WrittenAt);
