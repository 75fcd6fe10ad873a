using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;

namespace Frugal.Engine.Tests.Budgets;

public sealed class BudgetEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_ScopedBudget_CountsOnlyMatchingSlicesUpToNow()
    {
        var ledger = new TestLedger();
        var training = ledger.Slice(subAccount: "ml-training-prod");
        var serving = ledger.Slice(subAccount: "ml-serving-prod");
        ledger.Daily(training, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), 10m);
        ledger.Daily(serving, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), 99m);
        var budget = TestPolicies.Budget(scope: new BudgetScope { SubAccounts = ["ML-TRAINING-*"] });

        var status = BudgetEvaluator.Evaluate(budget, new LedgerIndex(ledger.Build()), Now);

        Assert.Equal(150m, status.Actual.Amount);
        Assert.Equal("2026-11", status.Period.Label);
        Assert.Equal(300m, status.Forecast.Amount);
    }

    [Fact]
    public void Evaluate_SpendInOtherCurrency_KeptApartNotSummed()
    {
        var ledger = new TestLedger();
        var slice = ledger.Slice();
        ledger.Add(slice, Now.AddDays(-1), 100m).Add(slice, Now.AddDays(-1), 70m, TestLedger.Eur);

        var status = BudgetEvaluator.Evaluate(TestPolicies.Budget(), new LedgerIndex(ledger.Build()), Now);

        Assert.Equal(100m, status.Actual.Amount);
        Assert.Equal(70m, status.OtherCurrencies[TestLedger.Eur]);
    }

    [Fact]
    public void Evaluate_DailyChargeAtUtcMidnight_LandsOnPreviousDayWestOfUtc()
    {
        var ledger = new TestLedger();
        var slice = ledger.Slice();
        ledger.Add(slice, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), 40m);
        var budget = TestPolicies.Budget(timeZone: "America/Los_Angeles");

        var status = BudgetEvaluator.Evaluate(budget, new LedgerIndex(ledger.Build()), Now);

        Assert.Equal(0m, status.Actual.Amount);
    }

    [Fact]
    public void Evaluate_ThresholdsOnActualAndForecast_CrossedIndependently()
    {
        var ledger = new TestLedger();
        var slice = ledger.Slice();
        ledger.Daily(slice, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15), 50m);
        var budget = TestPolicies.Budget(
            amount: 1000m,
            thresholds:
            [
                TestPolicies.Notify(0.5m),
                TestPolicies.Notify(1.2m, SpendBasis.Forecast),
                TestPolicies.Notify(1.6m, SpendBasis.Forecast),
            ]);

        var status = BudgetEvaluator.Evaluate(budget, new LedgerIndex(ledger.Build()), Now);

        Assert.Equal(750m, status.Actual.Amount);
        Assert.Equal(1500m, status.Forecast.Amount);
        Assert.Equal(["actual@0.5", "forecast@1.2"], status.Crossed.Select(c => c.Threshold.Id));
    }
}
