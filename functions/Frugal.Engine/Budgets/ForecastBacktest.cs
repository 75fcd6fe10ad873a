using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// Replays a daily spend history: on each day of a period, forecast the period total as Frugal does and as a naive
/// linear run-rate would, and compare both with the total that really came. Used by the tests and the benchmark
/// to show the forecaster earns its place.
/// </summary>
public static class ForecastBacktest
{
    public static BacktestResult Run(
        IReadOnlyDictionary<DateOnly, decimal> daily, BudgetPeriodKind kind, DateOnly periodDay)
    {
        ArgumentNullException.ThrowIfNull(daily);
        var period = BudgetPeriod.Containing(
            kind, TimeZoneInfo.Utc, new DateTimeOffset(periodDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var truth = Enumerable.Range(0, period.DayCount)
            .Sum(i => daily.GetValueOrDefault(period.FirstDay.AddDays(i)));
        var firstDataDay = daily.Keys.Min();

        var seasonalErrors = new List<decimal>();
        var linearErrors = new List<decimal>();
        for (var today = period.FirstDay.AddDays(1); today <= period.LastDay; today = today.AddDays(1))
        {
            var day = today;
            var known = daily.Where(d => d.Key < day).ToDictionary(d => d.Key, d => d.Value);
            var spend = DailySpend.FromDays(known);
            var forecast = SpendForecaster.Forecast(period, spend, today, firstDataDay);
            seasonalErrors.Add(Math.Abs(forecast.Total - truth) / truth);
            linearErrors.Add(Math.Abs(forecast.LinearRunRate - truth) / truth);
        }

        return new BacktestResult(period.Label, truth, seasonalErrors.Average(), linearErrors.Average());
    }
}

/// <summary>Mean absolute percentage errors of both methods over every day of one period.</summary>
public sealed record BacktestResult(string Period, decimal Actual, decimal SeasonalMape, decimal LinearMape);
