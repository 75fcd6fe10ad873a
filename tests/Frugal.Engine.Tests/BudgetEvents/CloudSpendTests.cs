using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;
using static Frugal.Engine.Tests.Support.TestPolicies;

namespace Frugal.Engine.Tests.BudgetEvents;

public sealed class CloudSpendTests
{
    private const string GcpBudget = "de72f49d-779b-4945-a127-4d6ce8def0bb";
    private static readonly DateTimeOffset Now = new(2021, 2, 26, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset FebruaryInPacific = new(2021, 2, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_CloudReportAboveTheLedger_RaisesActualAndCrossesThresholds()
    {
        var policy = Linked(Budget(amount: 150m));
        var statuses = Evaluate(policy, ledgerSpend: 10m);

        var applied = CloudSpend.Apply(policy, statuses, [TestBudgetEvents.Gcp(140.321m, FebruaryInPacific)]);

        var status = Assert.Single(applied);
        Assert.Equal(140.321m, status.Actual.Amount);
        Assert.Equal(140.321m, status.CloudReported!.Value.Amount);
        Assert.Equal([0.5m, 0.9m], status.Crossed.Select(c => c.Threshold.Fraction));
        Assert.True(status.Forecast.Amount >= status.Actual.Amount);
    }

    [Fact]
    public void Apply_CloudReportBelowTheLedger_KeepsTheLedgerFigure()
    {
        var policy = Linked(Budget(amount: 1000m));
        var statuses = Evaluate(policy, ledgerSpend: 20m);

        var status = Assert.Single(CloudSpend.Apply(policy, statuses, [TestBudgetEvents.Gcp(5m, FebruaryInPacific)]));

        Assert.Equal(statuses[0].Actual, status.Actual);
        Assert.Equal(5m, status.CloudReported!.Value.Amount);
    }

    [Fact]
    public void Apply_ReportOfTheLastPeriod_IsIgnored()
    {
        var policy = Linked(Budget(amount: 150m));
        var january = new DateTimeOffset(2021, 1, 1, 8, 0, 0, TimeSpan.Zero);

        var status = Assert.Single(
            CloudSpend.Apply(policy, Evaluate(policy, 0m), [TestBudgetEvents.Gcp(900m, january)]));

        Assert.Equal(0m, status.Actual.Amount);
        Assert.Null(status.CloudReported);
        Assert.Empty(status.Crossed);
    }

    [Fact]
    public void Apply_ReportInAnotherCurrency_IsIgnored()
    {
        var policy = Linked(Budget(amount: 150m));

        var status = Assert.Single(CloudSpend.Apply(policy, Evaluate(policy, 0m),
            [TestBudgetEvents.Gcp(900m, FebruaryInPacific, currency: "EUR")]));

        Assert.Null(status.CloudReported);
    }

    [Fact]
    public void Apply_SeveralReports_TheLatestObservedCounts()
    {
        var policy = Linked(Budget(amount: 1000m));
        var older = TestBudgetEvents.Gcp(700m, FebruaryInPacific, eventId: "1", observedAt: Now.AddHours(-5));
        var newer = TestBudgetEvents.Gcp(650m, FebruaryInPacific, eventId: "2", observedAt: Now.AddHours(-1));

        var status = Assert.Single(CloudSpend.Apply(policy, Evaluate(policy, 0m), [newer, older]));

        Assert.Equal(650m, status.Actual.Amount);
    }

    [Fact]
    public void Apply_BudgetInHonolulu_StillTakesTheMonthReportedInPacificTime()
    {
        var policy = Linked(Budget(amount: 150m, timeZone: "Pacific/Honolulu"));

        var status = Assert.Single(CloudSpend.Apply(policy, Evaluate(policy, 0m),
            [TestBudgetEvents.Gcp(140m, FebruaryInPacific)]));

        Assert.Equal(140m, status.Actual.Amount);
    }

    [Fact]
    public void Apply_AzureForecast_RaisesTheForecastAndCrossesAForecastRung()
    {
        var budget = Budget(amount: 1000m, thresholds: [Notify(0.9m, SpendBasis.Forecast)]) with
        {
            Name = "Test_forcasted_budget",
        };
        var policy = Policy(budgets: budget);

        var status = Assert.Single(CloudSpend.Apply(policy, Evaluate(policy, 0m),
            [TestBudgetEvents.Azure("Test_forcasted_budget", 100m, Now.AddHours(-1), forecast: 1111.11m)]));

        Assert.Equal(1111.11m, status.Forecast.Amount);
        Assert.Equal(100m, status.Actual.Amount);
        Assert.Single(status.Crossed);
    }

    [Fact]
    public void Apply_NoReports_ReturnsTheStatusesUnchanged()
    {
        var policy = Linked(Budget());
        var statuses = Evaluate(policy, 10m);

        Assert.Same(statuses, CloudSpend.Apply(policy, statuses, []));
    }

    private static FrugalPolicy Linked(BudgetPolicy budget) =>
        Policy(budgets: budget with { External = new CloudBudgetLinks { GcpBudgetIds = [GcpBudget] } });

    private static IReadOnlyList<BudgetStatus> Evaluate(FrugalPolicy policy, decimal ledgerSpend)
    {
        var ledger = new TestLedger();
        var slice = ledger.Slice();
        ledger.Add(slice, new DateTimeOffset(2021, 2, 10, 12, 0, 0, TimeSpan.Zero), ledgerSpend);
        return BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger.Build()), Now);
    }
}
