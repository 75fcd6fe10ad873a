using Frugal.Engine.Billing;
using Frugal.Engine.Execution;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Engine.Tests.Billing;

public sealed class DetachBillingHandlerTests
{
    private readonly FakeBillingProvider _cloud = new FakeBillingProvider().With("ml-sandbox", "billingAccounts/A");
    private readonly InMemoryBillingStore _store = new();

    [Fact]
    public async Task ExecuteAsync_EnabledAndConfirmed_DetachesBilling()
    {
        var result = await Handler().ExecuteAsync(Action(), CancellationToken.None);

        Assert.Equal(ActionStatus.Succeeded, result.Status);
        Assert.Contains("frugal billing attach --project ml-sandbox", result.Detail, StringComparison.Ordinal);
        Assert.Single(_cloud.Changes);
    }

    [Fact]
    public async Task ExecuteAsync_DryRun_NeverDetaches()
    {
        var result = await Handler().ExecuteAsync(Action() with { DryRun = true }, CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, result.Status);
        Assert.Empty(_cloud.Changes);
    }

    [Fact]
    public async Task ExecuteAsync_ConfirmationDiffers_IsRefused()
    {
        var action = Action();
        action = action with { Rule = action.Rule with { Confirm = "ml-sandbx" } };

        var result = await Handler().ExecuteAsync(action, CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, result.Status);
        Assert.StartsWith("refused", result.Detail, StringComparison.Ordinal);
        Assert.Empty(_cloud.Changes);
    }

    [Fact]
    public async Task ExecutorInDryRun_DetachPlanned_HandlerNeverCalled()
    {
        var store = new OneShotStateStore();
        var executor = new PlanExecutor(store, [Handler()], new FakeTimeProvider(), NullLogger<PlanExecutor>.Instance);
        store.Pending.Add(Action() with { DryRun = true });

        var report = await executor.ExecuteAsync(Plan(), CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, Assert.Single(report.Outcomes).Result.Status);
        Assert.Empty(_cloud.Changes);
    }

    private DetachBillingHandler Handler() => new(new ProjectBillingLever(
        _cloud, _store, new FakeTimeProvider(), NullLogger<ProjectBillingLever>.Instance));

    private static BudgetPlan Plan() => new() { CreatedAt = DateTimeOffset.UnixEpoch, Budgets = [], Actions = [] };

    private static PlannedAction Action() => new()
    {
        IdempotencyKey = "sandbox|2026-W47|actual@1.5|DetachBilling|ml-sandbox",
        CrossingKey = "sandbox|2026-W47|actual@1.5|live",
        Kind = ActionKind.DetachBilling,
        Budget = "sandbox",
        Period = "2026-W47",
        ThresholdId = "actual@1.5",
        Target = "ml-sandbox",
        Reason = "detach billing from project ml-sandbox",
        DryRun = false,
        Rule = new ActionRule
        {
            Kind = ActionKind.DetachBilling, Project = "ml-sandbox", Confirm = "ml-sandbox", Enabled = true,
        },
    };

    /// <summary>A state store that hands out the actions put in <see cref="Pending"/> once.</summary>
    private sealed class OneShotStateStore : IStateStore
    {
        public List<PlannedAction> Pending { get; } = [];

        public Task<IReadOnlySet<string>> FiredCrossingsAsync(IReadOnlyCollection<string> keys, CancellationToken ct) =>
            Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

        public Task<bool> RecordCrossingAsync(CrossingRecord crossing, IReadOnlyList<PlannedAction> actions,
            CancellationToken ct) => Task.FromResult(true);

        public Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
            string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct)
        {
            var leased = Pending.Select(a => new ActionRecord(a, ActionStatus.Running, 0, now)).ToList();
            Pending.Clear();
            return Task.FromResult<IReadOnlyList<ActionRecord>>(leased);
        }

        public Task CompleteActionAsync(string key, ActionResult result, DateTimeOffset at, CancellationToken ct) =>
            Task.CompletedTask;

        public Task AppendAuditAsync(AuditEntry entry, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>([]);
    }
}
