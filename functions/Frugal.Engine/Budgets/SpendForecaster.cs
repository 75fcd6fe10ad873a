namespace Frugal.Engine.Budgets;

/// <summary>
/// Forecasts a period's total spend from daily history with weekday seasonality.
/// <para>
/// Method: over the last four complete weeks of history (earlier periods count when the ledger holds them), each
/// weekday's factor is its mean spend over the mean of all days; the level is the mean of the last seven complete
/// days with those factors divided out. Each remaining day is forecast as level × its weekday's factor; today, which
/// is still being billed, counts as the larger of what is already billed and its forecast. With fewer than two
/// weeks of history factors are 1; with no complete day at all the forecast falls back to the linear run-rate.
/// </para>
/// <para>
/// Known limit: there is no trend term, so a steady ramp within the period is underestimated; a damped trend fitted
/// on the deseasonalized history would fix it once a backtest on real exports shows it pays (docs/forecasting.md).
/// </para>
/// </summary>
public static class SpendForecaster
{
    private const int HistoryDays = 28;
    private const int LevelDays = 7;
    private const int MinDaysForSeasonality = 14;

    /// <summary>
    /// The forecast total for <paramref name="period"/>, given spend by local day and the local day that is still
    /// in progress (<paramref name="today"/>): days before it are complete, days after it have not happened yet.
    /// </summary>
    public static SpendForecast Forecast(BudgetPeriod period, DailySpend spend, DateOnly today, DateOnly firstDataDay)
    {
        var actual = spend.Between(period.FirstDay, today);
        var linear = LinearRunRate(period, actual, today);
        if (today > period.LastDay)
        {
            return new SpendForecast(actual, linear, "complete period");
        }

        var history = CompleteHistory(spend, today, firstDataDay);
        if (history.Count == 0)
        {
            return new SpendForecast(linear, linear, "linear run-rate (no complete day yet)");
        }

        var factors = WeekdayFactors(history);
        var level = Level(history, factors);

        var total = spend.Between(period.FirstDay, today.AddDays(-1));
        for (var day = today; day <= period.LastDay; day = day.AddDays(1))
        {
            var predicted = level * factors[(int)day.DayOfWeek];
            var billed = day == today ? spend.On(day) : 0m;
            total += Math.Max(predicted, billed);
        }

        var method = history.Count >= MinDaysForSeasonality ? "weekday-seasonal level" : "recent daily level";
        return new SpendForecast(decimal.Round(total, 2), linear, method);
    }

    /// <summary>The naive forecast: spend so far divided by the fraction of the period elapsed.</summary>
    public static decimal LinearRunRate(BudgetPeriod period, decimal actual, DateOnly today)
    {
        var elapsedDays = Math.Clamp(today.DayNumber - period.FirstDay.DayNumber, 0, period.DayCount);
        return elapsedDays == 0 ? actual : decimal.Round(actual * period.DayCount / elapsedDays, 2);
    }

    private static List<(DateOnly Day, decimal Amount)> CompleteHistory(
        DailySpend spend, DateOnly today, DateOnly firstDataDay)
    {
        var history = new List<(DateOnly, decimal)>(HistoryDays);
        var start = today.AddDays(-HistoryDays);
        if (start < firstDataDay)
        {
            start = firstDataDay;
        }

        for (var day = start; day < today; day = day.AddDays(1))
        {
            history.Add((day, spend.On(day)));
        }

        return history;
    }

    private static decimal[] WeekdayFactors(List<(DateOnly Day, decimal Amount)> history)
    {
        var factors = Enumerable.Repeat(1m, 7).ToArray();
        var mean = history.Average(h => h.Amount);
        if (history.Count < MinDaysForSeasonality || mean <= 0m)
        {
            return factors;
        }

        foreach (var group in history.GroupBy(h => (int)h.Day.DayOfWeek))
        {
            var factor = group.Average(h => h.Amount) / mean;
            factors[group.Key] = Math.Clamp(factor, 0.05m, 20m);
        }

        return factors;
    }

    private static decimal Level(List<(DateOnly Day, decimal Amount)> history, decimal[] factors)
    {
        var recent = history.Skip(Math.Max(0, history.Count - LevelDays)).ToList();
        return recent.Average(h => h.Amount / factors[(int)h.Day.DayOfWeek]);
    }
}

/// <summary>A period's forecast total, the naive linear run-rate beside it, and how it was made.</summary>
public sealed record SpendForecast(decimal Total, decimal LinearRunRate, string Method);
