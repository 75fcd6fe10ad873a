using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Budgets;

public sealed class SpendForecasterTests
{
    [Fact]
    public void Backtest_WeekdaySeasonalSpend_BeatsLinearRunRate()
    {
        var daily = SeasonalHistory(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), seed: 7);

        var result = ForecastBacktest.Run(daily, BudgetPeriodKind.Month, new DateOnly(2026, 11, 1));

        Assert.True(
            result.SeasonalMape < result.LinearMape,
            $"seasonal {result.SeasonalMape:P2} should beat linear {result.LinearMape:P2}");
    }

    [Fact]
    public void Forecast_FlatSpend_EqualsDailyTimesDays()
    {
        var period = new BudgetPeriod(BudgetPeriodKind.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30),
            TimeZoneInfo.Utc);
        var days = Enumerable.Range(0, 40).ToDictionary(i => new DateOnly(2026, 10, 1).AddDays(i), _ => 100m);
        var spend = DailySpend.FromDays(days);

        var forecast = SpendForecaster.Forecast(period, spend, new DateOnly(2026, 11, 10), new DateOnly(2026, 10, 1));

        Assert.Equal(3000m, forecast.Total);
        Assert.Equal("weekday-seasonal level", forecast.Method);
    }

    [Fact]
    public void Forecast_NoCompleteDay_FallsBackToLinearRunRate()
    {
        var period = new BudgetPeriod(BudgetPeriodKind.Month, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30),
            TimeZoneInfo.Utc);
        var spend = DailySpend.FromDays(new Dictionary<DateOnly, decimal> { [new DateOnly(2026, 11, 1)] = 50m });

        var forecast = SpendForecaster.Forecast(period, spend, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1));

        Assert.StartsWith("linear run-rate", forecast.Method, StringComparison.Ordinal);
    }

    internal static Dictionary<DateOnly, decimal> SeasonalHistory(DateOnly first, DateOnly last, int seed)
    {
        var random = new Random(seed);
        var daily = new Dictionary<DateOnly, decimal>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var baseline = weekend ? 300m : 1000m;
            var trend = 1m + (day.DayNumber - first.DayNumber) * 0.002m;
            var noise = 0.9m + (decimal)random.NextDouble() * 0.2m;
            daily[day] = decimal.Round(baseline * trend * noise, 2);
        }

        return daily;
    }
}
