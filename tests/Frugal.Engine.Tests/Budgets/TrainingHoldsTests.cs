using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;

namespace Frugal.Engine.Tests.Budgets;

public sealed class TrainingHoldsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_NoHoldRung_NotOnHold()
    {
        var hold = TrainingHolds.For(Status(TestPolicies.Budget(), forecast: 5000m));

        Assert.False(hold.OnHold);
        Assert.Null(hold.Level);
    }

    [Fact]
    public void For_HoldRungReached_OnHoldWithReason()
    {
        var budget = TestPolicies.Budget(thresholds: TestPolicies.Hold(0.8m));
        var crossing = new ThresholdCrossing(
            budget.Thresholds[0], new(850m, budget.Currency), new(800m, budget.Currency));

        var hold = TrainingHolds.For(Status(budget, forecast: 900m, crossing));

        Assert.True(hold.OnHold);
        Assert.Equal(800m, hold.Level!.Value.Amount);
        Assert.Contains("training on hold", hold.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SeveralHoldRungs_TheLowestCounts()
    {
        var budget = TestPolicies.Budget(thresholds: [TestPolicies.Hold(0.95m), TestPolicies.Hold(0.7m)]);

        Assert.Equal(700m, TrainingHolds.For(Status(budget, forecast: 0m)).Level!.Value.Amount);
    }

    [Theory]
    [InlineData(700, 99, true)]
    [InlineData(700, 100, false)]
    [InlineData(0, 900, false)]
    public void Admit_ForecastPlusEstimate_AdmittedOnlyUnderHoldLevel(int forecast, int estimate, bool admitted)
    {
        var budget = TestPolicies.Budget(thresholds: TestPolicies.Hold(0.8m));

        var admission = TrainingHolds.Admit(Status(budget, forecast), new(estimate, budget.Currency));

        Assert.Equal(admitted, admission.Admitted);
        Assert.Contains("hold level USD 800.00", admission.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_OnHold_RefusedWhateverTheEstimate()
    {
        var budget = TestPolicies.Budget(thresholds: TestPolicies.Hold(0.8m));
        var crossing = new ThresholdCrossing(
            budget.Thresholds[0], new(810m, budget.Currency), new(800m, budget.Currency));

        var admission = TrainingHolds.Admit(Status(budget, 810m, crossing), new(0m, budget.Currency));

        Assert.False(admission.Admitted);
        Assert.Contains("training on hold", admission.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_NoHoldRung_Admitted()
    {
        var budget = TestPolicies.Budget();

        Assert.True(TrainingHolds.Admit(Status(budget, 999_999m), new(1m, budget.Currency)).Admitted);
    }

    [Fact]
    public void Admit_EstimateInOtherCurrency_Throws()
    {
        var budget = TestPolicies.Budget(thresholds: TestPolicies.Hold(0.8m));

        Assert.Throws<ArgumentException>(() =>
            TrainingHolds.Admit(Status(budget, 0m), new(1m, Engine.Money.CurrencyCode.Parse("EUR"))));
    }

    private static BudgetStatus Status(BudgetPolicy budget, decimal forecast, params ThresholdCrossing[] crossed) =>
        new()
        {
            Budget = budget,
            Period = BudgetPeriod.Containing(BudgetPeriodKind.Month, TimeZoneInfo.Utc, Now),
            Actual = new(forecast / 2, budget.Currency),
            Forecast = new(forecast, budget.Currency),
            LinearRunRate = new(forecast, budget.Currency),
            ForecastMethod = "test",
            Crossed = crossed,
        };
}
