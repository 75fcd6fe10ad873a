using Frugal.Engine.GpuJobs;

namespace Frugal.Hosting.GpuJobs;

/// <summary>The results queue of a host with no <c>Frugal:GpuJobs:ConnectionString</c>: nothing to read.</summary>
internal sealed class UnconfiguredGpuResultInbox : IGpuResultInbox
{
    public bool IsConfigured => false;

    public Task<IReadOnlyList<GpuResultDelivery>> ReceiveAsync(int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GpuResultDelivery>>([]);

    public Task CompleteAsync(GpuResultDelivery delivery, CancellationToken ct) => Task.CompletedTask;

    public Task PoisonAsync(GpuResultDelivery delivery, string reason, CancellationToken ct) => Task.CompletedTask;
}
