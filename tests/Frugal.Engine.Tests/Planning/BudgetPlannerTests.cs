using Frugal.Engine.Budgets;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;

namespace Frugal.Engine.Tests.Planning;

public sealed class BudgetPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_CrossingAlreadyFired_PlansNothingForIt()
    {
        var policy = TestPolicies.Policy(budgets: TestPolicies.Budget(amount: 100m));
        var statuses = Evaluate(policy, dailyCost: 10m);
        var first = BudgetPlanner.Plan(policy, statuses, new HashSet<string>(), Now);

        var second = BudgetPlanner.Plan(policy, statuses, first.Actions.Select(a => a.CrossingKey).ToHashSet(), Now);

        Assert.Equal(2, first.Actions.Count);
        Assert.Empty(second.Actions);
        Assert.Equal(2, second.AlreadyFired.Count);
    }

    [Fact]
    public void Plan_DestructiveActionInDryRun_MarkedDryRunWithKeyApart()
    {
        var dry = TestPolicies.Policy(dryRun: true, budgets: TestPolicies.Budget(amount: 100m,
            thresholds: [TestPolicies.Hold(0.5m)]));
        var live = dry with { Safety = dry.Safety with { DryRun = false } };

        var dryAction = Assert.Single(BudgetPlanner.Plan(dry, Evaluate(dry, 10m), new HashSet<string>(), Now).Actions);
        var liveAction = Assert.Single(
            BudgetPlanner.Plan(live, Evaluate(live, 10m), new HashSet<string>(), Now).Actions);

        Assert.True(dryAction.DryRun);
        Assert.StartsWith("[dry-run] would hold training", dryAction.Reason, StringComparison.Ordinal);
        Assert.False(liveAction.DryRun);
        Assert.NotEqual(dryAction.IdempotencyKey, liveAction.IdempotencyKey);
    }

    [Fact]
    public void Plan_NotifyInDryRun_SameKeyAsLive()
    {
        var dry = TestPolicies.Policy(dryRun: true, budgets: TestPolicies.Budget(amount: 100m));
        var live = dry with { Safety = dry.Safety with { DryRun = false } };

        var dryKeys = BudgetPlanner.Plan(dry, Evaluate(dry, 10m), new HashSet<string>(), Now).Actions;
        var liveKeys = BudgetPlanner.Plan(live, Evaluate(live, 10m), new HashSet<string>(), Now).Actions;

        Assert.Equal(dryKeys.Select(a => a.IdempotencyKey), liveKeys.Select(a => a.IdempotencyKey));
        Assert.All(dryKeys, a => Assert.False(a.DryRun));
    }

    [Fact]
    public void Plan_MoreActionsThanAllowed_RefusedWhole()
    {
        var policy = TestPolicies.Policy(maxActions: 1, budgets: TestPolicies.Budget(amount: 100m));

        var plan = BudgetPlanner.Plan(policy, Evaluate(policy, 10m), new HashSet<string>(), Now);

        Assert.True(plan.IsRefused);
        Assert.Contains("maxActionsPerRun (1)", plan.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Reason_NamesBudgetSpendAndThreshold()
    {
        var policy = TestPolicies.Policy(
            budgets: TestPolicies.Budget(amount: 100m, thresholds: [TestPolicies.Notify(0.9m)]));

        var action = Assert.Single(
            BudgetPlanner.Plan(policy, Evaluate(policy, 10m), new HashSet<string>(), Now).Actions);

        Assert.Equal(
            "notify ops: ml-platform spend USD 150.00 reached 90% of USD 100.00 (2026-11)",
            action.Reason);
        Assert.Equal("ml-platform|2026-11|actual@0.9|Notify|ops", action.IdempotencyKey);
    }

    private static IReadOnlyList<BudgetStatus> Evaluate(FrugalPolicy policy, decimal dailyCost)
    {
        var ledger = new TestLedger();
        var slice = ledger.Slice();
        ledger.Daily(slice, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15), dailyCost);
        return BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger.Build()), Now);
    }
}
