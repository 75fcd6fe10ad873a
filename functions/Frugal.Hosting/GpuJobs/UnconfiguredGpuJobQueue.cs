using Frugal.Engine;
using Frugal.Engine.GpuJobs;

namespace Frugal.Hosting.GpuJobs;

/// <summary>The queue of a host with no <c>Frugal:GpuJobs:ConnectionString</c>: nothing can be sent.</summary>
internal sealed class UnconfiguredGpuJobQueue : IGpuJobQueue
{
    public bool IsConfigured => false;

    public Task SendAsync(GpuJobMessage message, CancellationToken ct) =>
        throw new FrugalInputException(
            $"job {message?.Id}: no GPU job queue is configured (set {GpuJobOptions.Section}:ConnectionString)");
}
