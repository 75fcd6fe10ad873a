using Frugal.Engine.Budgets;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;

namespace Frugal.Engine.Tests.Notifications;

public sealed class NotificationEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("40000", "USD 40,000")]
    [InlineData("36812.5", "USD 36,812.50")]
    [InlineData("0.004", "USD 0")]
    [InlineData("1234567.891", "USD 1,234,567.89")]
    public void Money_WholeOrCents_Invariant(string amount, string expected)
    {
        var text = NotificationText.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            "USD");

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(0.5, SpendBasis.Actual, NotificationSeverity.Info)]
    [InlineData(0.8, SpendBasis.Actual, NotificationSeverity.Warning)]
    [InlineData(1.0, SpendBasis.Actual, NotificationSeverity.Critical)]
    [InlineData(1.2, SpendBasis.Forecast, NotificationSeverity.Warning)]
    public void Severity_ByFractionAndBasis(double fraction, SpendBasis basis, NotificationSeverity expected)
    {
        var threshold = new ThresholdRule { Fraction = (decimal)fraction, Basis = basis, Actions = [] };

        Assert.Equal(expected, NotificationSeverities.For(threshold));
    }

    [Fact]
    public void Crossing_ActualThreshold_HeadlineSummaryAndStepsSayWhatAndWhy()
    {
        var policy = TestPolicies.Policy(budgets: TestPolicies.Budget(amount: 40_000m,
            thresholds: [new ThresholdRule
            {
                Fraction = 0.9m,
                Actions =
                [
                    new ActionRule { Kind = ActionKind.Notify },
                    new ActionRule { Kind = ActionKind.HoldTraining },
                ],
            }]));
        var status = Status(policy, dailyCost: 4_600m, days: 8);
        var plan = BudgetPlanner.Plan(policy, [status], new HashSet<string>(), Now);

        var told = NotificationEvents.Crossing(status, status.Crossed[0], plan.Actions, Now);

        Assert.Equal("ml-platform at 92% of USD 40,000", told.Headline);
        Assert.Equal("Spend to date (USD 36,800) reached the 90% threshold (USD 36,000) of budget ml-platform " +
            "for 2026-11.", told.Summary);
        Assert.Equal(NotificationSeverity.Warning, told.Severity);
        var step = Assert.Single(told.Steps);
        Assert.StartsWith("[dry-run] would hold training charged to ml-platform", step, StringComparison.Ordinal);
        Assert.Equal("ml-platform|2026-11|actual@0.9|Notify", told.Key);
    }

    [Fact]
    public void Plan_RouteForThresholds_AddsRoutedChannelOnceBesideTheRungsOwn()
    {
        var policy = TestPolicies.Policy(budgets: TestPolicies.Budget(amount: 100m,
            thresholds: [TestPolicies.Notify(0.9m)])) with
        {
            Channels =
            [
                new ChannelPolicy { Name = "ops", Kind = ChannelKind.Console },
                new ChannelPolicy { Name = "mail", Kind = ChannelKind.Email },
            ],
            Notifications = new NotificationPolicy
            {
                Routes = [new NotificationRoute { Events = [NotificationEventKind.ThresholdCrossed] }],
            },
        };

        var plan = BudgetPlanner.Plan(policy, [Status(policy, 10m)], new HashSet<string>(), Now);

        Assert.Equal(["ops", "mail"], plan.Actions.Select(a => a.Target));
        Assert.All(plan.Actions, a => Assert.Equal(ActionKind.Notify, a.Kind));
    }

    private static BudgetStatus Status(FrugalPolicy policy, decimal dailyCost, int days = 15)
    {
        var ledger = new TestLedger();
        ledger.Daily(ledger.Slice(), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, days), dailyCost);
        return BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger.Build()), Now)[0];
    }
}
