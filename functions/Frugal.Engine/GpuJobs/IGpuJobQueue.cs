namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The worker pool's job queues: high-priority messages go to the <c>-high</c> queue, the rest to the main one.
/// </summary>
public interface IGpuJobQueue
{
    /// <summary>False when the host has no queue configured: held jobs can still be recorded, none sent.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends one job message. Sending a job twice is harmless: the worker runs an id once.</summary>
    Task SendAsync(GpuJobMessage message, CancellationToken ct);
}
