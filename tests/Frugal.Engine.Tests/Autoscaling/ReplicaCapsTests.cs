using Frugal.Engine.Autoscaling;
using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;

namespace Frugal.Engine.Tests.Autoscaling;

public sealed class ReplicaCapsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> NoLabels = [];

    [Fact]
    public void InForce_LadderRungReachedThisPeriod_CapsItsTargets()
    {
        var policy = Policy();

        var caps = ReplicaCaps.InForce(policy, Evaluate(policy, dailyCost: 10m, Now));

        var cap = Assert.Single(caps);
        Assert.Equal(2, cap.MaxReplicas);
        Assert.StartsWith("budget ml-platform reached actual@1 in 2026-11", cap.Reason, StringComparison.Ordinal);
        Assert.True(cap.Target.Matches(new HpaReference("gke-prod", "serving", "llm"), NoLabels));
    }

    [Fact]
    public void InForce_NewPeriodBegins_CapLifted()
    {
        var policy = Policy();
        var december = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero);

        var caps = ReplicaCaps.InForce(policy, Evaluate(policy, dailyCost: 10m, december));

        Assert.Empty(caps);
    }

    [Fact]
    public void InForce_RuleCapOnForecast_AppliesToTheRulesAutoscalers()
    {
        var policy = Policy() with
        {
            Autoscaling = new AutoscalingPolicy
            {
                Rules =
                [
                    new AutoscalingRule
                    {
                        Name = "serving",
                        BudgetCaps =
                        [
                            new BudgetReplicaCap
                            {
                                Budget = "ML-PLATFORM",
                                At = 2m,
                                On = SpendBasis.Forecast,
                                MaxReplicasFraction = 0.5m,
                            },
                        ],
                    },
                ],
            },
        };

        var caps = ReplicaCaps.InForce(policy, Evaluate(policy, dailyCost: 10m, Now));

        var ruleCap = Assert.Single(caps, c => c.Rule is not null);
        Assert.Equal("serving", ruleCap.Rule);
        Assert.Contains("forecast at", ruleCap.Reason, StringComparison.Ordinal);
    }

    // 100 USD a month; 10 USD a day from the first of November reaches 100 % on the 10th.
    private static FrugalPolicy Policy()
    {
        var cap = new ActionRule
        {
            Kind = ActionKind.CapAutoscaling,
            Targets = ["gke-prod/serving/*"],
            MaxReplicas = 2,
        };
        var budget = TestPolicies.Budget(amount: 100m,
            thresholds: [new ThresholdRule { Fraction = 1m, Actions = [cap] }]);
        return TestPolicies.Policy(budgets: budget);
    }

    private static IReadOnlyList<BudgetStatus> Evaluate(FrugalPolicy policy, decimal dailyCost, DateTimeOffset now)
    {
        var ledger = new TestLedger();
        var slice = ledger.Slice();
        ledger.Daily(slice, new DateOnly(2026, 11, 1), DateOnly.FromDateTime(now.UtcDateTime.AddDays(-1)), dailyCost);
        return BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger.Build()), now);
    }
}
