namespace Frugal.Engine.GpuJobs;

/// <summary>
/// A job as the control plane keeps it: the request (null for a result whose job was submitted elsewhere), where
/// it stands, why, and the worker's result once it came.
/// </summary>
public sealed record GpuJob
{
    public required string Id { get; init; }

    public GpuJobRequest? Request { get; init; }

    public required GpuJobState State { get; init; }

    /// <summary>Why the job is where it is: the hold reason, or what released it.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    public DateTimeOffset? EnqueuedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public GpuJobResult? Result { get; init; }

    public string Model => Result?.Model ?? Request?.Model ?? "";

    /// <summary>The version the worker ran or created, else the one asked for; null for "the latest".</summary>
    public string? Version => Result?.Version ?? Request?.Version;

    public bool IsWaiting => State is GpuJobState.Submitted or GpuJobState.Held;
}

/// <summary>
/// Where a job stands. <see cref="Submitted"/>: recorded, to be sent (a send that failed is retried by the release
/// step); <see cref="Held"/>: kept back by its budget's hold rung; <see cref="Enqueued"/>: on the worker's queue.
/// </summary>
public enum GpuJobState
{
    Submitted,
    Held,
    Enqueued,
    Succeeded,
    Failed,
}
