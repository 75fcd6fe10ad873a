namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The worker's results queue read by a host without a queue trigger (<c>frugal serve</c>): take results, delete
/// each once recorded, and move one that can never be read aside with the reason, so it is kept, not lost.
/// </summary>
public interface IGpuResultInbox
{
    /// <summary>False when the host has no queue configured: there is nothing to read.</summary>
    bool IsConfigured { get; }

    /// <summary>Up to <paramref name="max"/> results, hidden from other readers until settled or timed out.</summary>
    Task<IReadOnlyList<GpuResultDelivery>> ReceiveAsync(int max, CancellationToken ct);

    /// <summary>Deletes a result that was recorded.</summary>
    Task CompleteAsync(GpuResultDelivery delivery, CancellationToken ct);

    /// <summary>Moves a result that cannot be read to the poison queue with the reason, then deletes it.</summary>
    Task PoisonAsync(GpuResultDelivery delivery, string reason, CancellationToken ct);
}

/// <summary>One received result message: its body (decoded) and what the queue needs to settle it.</summary>
public sealed record GpuResultDelivery(string MessageId, string Receipt, string Body, long DequeueCount);
