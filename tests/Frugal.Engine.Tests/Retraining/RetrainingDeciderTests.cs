using Frugal.Engine.Retraining;
using static Frugal.Engine.Tests.Retraining.RetrainingScenario;

namespace Frugal.Engine.Tests.Retraining;

public sealed class RetrainingDeciderTests
{
    private static readonly Engine.Money.Money Estimate = new(40m, Usd);

    [Fact]
    public void Decide_DriftAboveThresholdAndBudgetRoom_Retrains()
    {
        var inputs = new RetrainingInputs(Rule(), [Signal("drift", 0.42m, Start)], null, null, Start.AddHours(1))
        {
            Budget = Budget(300m, 500m),
            Estimate = Estimate,
        };

        var decision = RetrainingDecider.Decide(inputs);

        Assert.Equal(RetrainingVerdict.Retrain, decision.Verdict);
        Assert.Equal("drift 0.42 above the threshold 0.3", decision.Reason);
        Assert.Contains(decision.Evidence, e => e.Contains("USD 540.00, under the hold level USD 800.00",
            StringComparison.Ordinal));
        Assert.Equal("retrain:churn:20261203T0000Z", decision.IdempotencyKey);
        Assert.Equal(Estimate, decision.Estimate);
    }

    [Fact]
    public void Decide_QualityFineAndNoDrift_NotRetrainedWithTheFigures()
    {
        var signals = new[] { Signal("drift", 0.1m, Start), Signal("auc", 0.86m, Start) };

        var decision = RetrainingDecider.Decide(new RetrainingInputs(Rule(), signals, null, null, Start));

        Assert.Equal(RetrainingVerdict.NotRetrained, decision.Verdict);
        Assert.Equal("no condition holds", decision.Reason);
        Assert.Equal(["drift 0.1 not above the threshold 0.3 (observed 2026-12-04T09:00Z by monitor)",
            "auc 0.86 not below the floor 0.8 (observed 2026-12-04T09:00Z by monitor)"], decision.Evidence);
        Assert.Null(decision.IdempotencyKey);
    }

    [Fact]
    public void Decide_BudgetOnHold_DeferredWithTheHoldAsReason()
    {
        var inputs = new RetrainingInputs(Rule(), [Signal("auc", 0.7m, Start)], null, null, Start)
        {
            Budget = Budget(700m, 950m, holdReached: true),
            Estimate = Estimate,
        };

        var decision = RetrainingDecider.Decide(inputs);

        Assert.Equal(RetrainingVerdict.Deferred, decision.Verdict);
        Assert.Equal("auc 0.7 below the floor 0.8, but budget ml: 80 % forecast hold rung reached "
            + "(USD 950.00 of USD 1,000.00), training on hold", decision.Reason);
    }

    [Fact]
    public void Decide_EstimateWouldReachTheHoldLevel_Deferred()
    {
        var inputs = new RetrainingInputs(Rule(), [Signal("drift", 0.5m, Start)], null, null, Start)
        {
            Budget = Budget(500m, 780m),
            Estimate = Estimate,
        };

        var decision = RetrainingDecider.Decide(inputs);

        Assert.Equal(RetrainingVerdict.Deferred, decision.Verdict);
        Assert.Contains("forecast USD 780.00 + estimate USD 40.00 = USD 820.00 would reach the hold level",
            decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoEstimate_DeferredSayingTheBudgetCannotBeChecked()
    {
        var inputs = new RetrainingInputs(Rule(), [Signal("drift", 0.5m, Start)], null, null, Start)
        {
            Budget = Budget(100m, 200m),
        };

        var decision = RetrainingDecider.Decide(inputs);

        Assert.Equal(RetrainingVerdict.Deferred, decision.Verdict);
        Assert.EndsWith("no cost estimate for training job churn-train, so budget ml cannot be checked",
            decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WithinMinInterval_NotRetrainedUntilItPasses()
    {
        var drift = Signal("drift", 0.5m, Start.AddDays(1));
        var lastQueued = Start;

        var soon = RetrainingDecider.Decide(new RetrainingInputs(
            Rule(budget: null), [drift], null, lastQueued, Start.AddDays(6)));
        var later = RetrainingDecider.Decide(new RetrainingInputs(
            Rule(budget: null), [drift], null, lastQueued, Start.AddDays(7)));

        Assert.Equal(RetrainingVerdict.NotRetrained, soon.Verdict);
        Assert.EndsWith("minInterval is 7d: not before 2026-12-11T09:00Z", soon.Reason, StringComparison.Ordinal);
        Assert.Equal(RetrainingVerdict.Retrain, later.Verdict);
    }

    [Fact]
    public void Decide_DriftObservedBeforeTheCurrentVersion_IsNotCounted()
    {
        var inputs = new RetrainingInputs(
            Rule(budget: null), [Signal("drift", 0.9m, Start)], Start.AddHours(2), null, Start.AddHours(3));

        var decision = RetrainingDecider.Decide(inputs);

        Assert.Equal(RetrainingVerdict.NotRetrained, decision.Verdict);
        Assert.Contains("predates the current version (made 2026-12-04T11:00Z): ignored", decision.Evidence[0],
            StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ErrorMetricAboveCeilingOrVersionTooOld_Retrains()
    {
        var rule = Rule(budget: null) with
        {
            When = new Engine.Policies.RetrainingConditions
            {
                MetricAbove = new Dictionary<string, decimal> { ["rmse"] = 12m },
                VersionOlderThan = TimeSpan.FromDays(30),
                NewDataRowsAtLeast = 1000,
            },
        };
        var signals = new[] { Signal("rmse", 12.5m, Start), Signal("dataRows", 999m, Start) };

        var decision = RetrainingDecider.Decide(
            new RetrainingInputs(rule, signals, Start.AddDays(-45), null, Start.AddHours(1)));

        Assert.Equal(RetrainingVerdict.Retrain, decision.Verdict);
        Assert.Equal("rmse 12.5 above the ceiling 12; current version 45d old, older than 30d", decision.Reason);
        Assert.Contains("new data rows 999 under the minimum 1000 (observed 2026-12-04T09:00Z by monitor)",
            decision.Evidence);
    }
}
