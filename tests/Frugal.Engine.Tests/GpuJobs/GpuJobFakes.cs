using Frugal.Engine.Budgets;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Ledger;
using Frugal.Engine.Tests.Support;

namespace Frugal.Engine.Tests.GpuJobs;

/// <summary>An in-memory job store with the store's idempotency: the first submission and first result win.</summary>
internal sealed class MemoryGpuJobStore : IGpuJobStore
{
    private readonly Dictionary<string, GpuJob> _jobs = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, GpuJob> Jobs => _jobs;

    public Task<GpuJobRecording> SubmitAsync(
        GpuJobRequest request, GpuJobState state, string reason, DateTimeOffset at, CancellationToken ct)
    {
        if (_jobs.TryGetValue(request.Id, out var known))
        {
            return Task.FromResult(new GpuJobRecording(known, false));
        }

        var job = new GpuJob { Id = request.Id, Request = request, State = state, Reason = reason, SubmittedAt = at };
        _jobs[request.Id] = job;
        return Task.FromResult(new GpuJobRecording(job, true));
    }

    public Task MarkEnqueuedAsync(string id, string reason, DateTimeOffset at, CancellationToken ct)
    {
        if (_jobs[id].IsWaiting)
        {
            _jobs[id] = _jobs[id] with { State = GpuJobState.Enqueued, Reason = reason, EnqueuedAt = at };
        }

        return Task.CompletedTask;
    }

    public Task MarkHeldAsync(string id, string reason, CancellationToken ct)
    {
        if (_jobs[id].IsWaiting)
        {
            _jobs[id] = _jobs[id] with { State = GpuJobState.Held, Reason = reason };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GpuJob>> ReadWaitingAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GpuJob>>([.. _jobs.Values.Where(j => j.IsWaiting)]);

    public Task<bool> RecordResultAsync(GpuJobResult result, DateTimeOffset at, CancellationToken ct)
    {
        if (_jobs.TryGetValue(result.Id, out var known) && known.Result is not null)
        {
            return Task.FromResult(false);
        }

        var state = result.Succeeded ? GpuJobState.Succeeded : GpuJobState.Failed;
        _jobs[result.Id] = (known ?? new GpuJob { Id = result.Id, State = state }) with
        {
            State = state, Result = result, FinishedAt = at,
        };
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<GpuJob>> ReadRecentAsync(int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GpuJob>>([.. _jobs.Values.Take(limit)]);
}

/// <summary>A queue that keeps what it was sent, and can be told to fail.</summary>
internal sealed class RecordingGpuJobQueue(bool configured = true) : IGpuJobQueue
{
    public List<GpuJobMessage> Sent { get; } = [];

    public bool Failing { get; set; }

    public bool IsConfigured => configured;

    public Task SendAsync(GpuJobMessage message, CancellationToken ct)
    {
        if (Failing)
        {
            throw new HttpRequestException("queue unreachable");
        }

        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>Budget statuses for a USD 1,000 monthly budget with its hold rung at 80% of actual spend.</summary>
internal static class GpuBudgets
{
    public static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Ten days of <paramref name="dailyCost"/>: 100 a day reaches the rung, 10 does not.</summary>
    public static IReadOnlyList<BudgetStatus> Statuses(decimal dailyCost)
    {
        var policy = TestPolicies.Policy(true, 20,
            TestPolicies.Budget("ml-platform", 1000m, null, "Etc/UTC", TestPolicies.Notify(0.5m),
                TestPolicies.Hold(0.8m)));
        var ledger = new TestLedger();
        ledger.Daily(ledger.Slice(), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10), dailyCost);
        return BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger.Build()), Now);
    }

    public static GpuJobRequest Request(
        string id = "job-1", GpuJobPriority priority = GpuJobPriority.Normal, string budget = "ml-platform") =>
        new(id, GpuJobKind.Infer, "fraud", "3", "https://acct.blob.core.windows.net/b/rows.jsonl", null, priority,
            null, budget);
}
