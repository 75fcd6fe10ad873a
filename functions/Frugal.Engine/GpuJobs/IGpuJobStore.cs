namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The control plane's record of GPU jobs, idempotent by job id: a job id submitted twice is one job, and a result
/// delivered twice is recorded (and counted in usage) once.
/// </summary>
public interface IGpuJobStore
{
    /// <summary>
    /// Records a new job in <paramref name="state"/> (<see cref="GpuJobState.Submitted"/> or
    /// <see cref="GpuJobState.Held"/>); when the id is already known, changes nothing and returns the stored job.
    /// </summary>
    Task<GpuJobRecording> SubmitAsync(
        GpuJobRequest request, GpuJobState state, string reason, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks a waiting job as sent to the queue; a job that already has its result is left as it is.</summary>
    Task MarkEnqueuedAsync(string id, string reason, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks a waiting job as held with the reason; a job sent or finished is left as it is.</summary>
    Task MarkHeldAsync(string id, string reason, CancellationToken ct);

    /// <summary>Jobs submitted or held and not yet sent, oldest first.</summary>
    Task<IReadOnlyList<GpuJob>> ReadWaitingAsync(CancellationToken ct);

    /// <summary>
    /// Records a worker's result: false, and nothing changed, when the job already has one. A result for an id
    /// never submitted here is recorded as a job of its own, so its usage still counts.
    /// </summary>
    Task<bool> RecordResultAsync(GpuJobResult result, DateTimeOffset at, CancellationToken ct);

    /// <summary>The most recently submitted or finished jobs, newest first.</summary>
    Task<IReadOnlyList<GpuJob>> ReadRecentAsync(int limit, CancellationToken ct);
}

/// <summary>The job as stored, and whether this call created it.</summary>
public sealed record GpuJobRecording(GpuJob Job, bool Created);
