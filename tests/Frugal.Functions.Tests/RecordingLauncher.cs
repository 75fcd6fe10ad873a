using Frugal.Engine.Money;
using Frugal.Engine.Retraining;

namespace Frugal.Functions.Tests;

/// <summary>A training queue that records orders and queues each idempotency key once, as the real one must.</summary>
internal sealed class RecordingLauncher(Money? estimate) : IRetrainingLauncher
{
    private readonly Dictionary<string, string> _jobs = [];

    public List<RetrainingOrder> Orders { get; } = [];

    public IReadOnlyCollection<string> QueuedJobs => _jobs.Values;

    public Task<Money?> EstimateAsync(string trainingJob, CancellationToken ct) => Task.FromResult(estimate);

    public Task<RetrainingLaunch> QueueAsync(RetrainingOrder order, CancellationToken ct)
    {
        Orders.Add(order);
        if (_jobs.TryGetValue(order.IdempotencyKey, out var job))
        {
            return Task.FromResult(new RetrainingLaunch(RetrainingLaunchStatus.AlreadyQueued, job));
        }

        job = $"training-{_jobs.Count + 1}";
        _jobs.Add(order.IdempotencyKey, job);
        return Task.FromResult(new RetrainingLaunch(RetrainingLaunchStatus.Queued, job));
    }
}
