using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>Computes each budget's spend, forecast and crossed thresholds from the ledger. Pure.</summary>
public static class BudgetEvaluator
{
    public static IReadOnlyList<BudgetStatus> Evaluate(FrugalPolicy policy, LedgerIndex ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ledger);

        return policy.Budgets.AsParallel().AsOrdered().Select(b => Evaluate(b, ledger, now)).ToList();
    }

    public static BudgetStatus Evaluate(BudgetPolicy budget, LedgerIndex ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(ledger);

        var zone = TimeZones.Resolve(budget.TimeZone);
        var period = BudgetPeriod.Containing(budget.Period, zone, now);
        var slices = ledger.Match(budget.Scope);
        var spend = ledger.SpendByDay(slices, zone, budget.Currency, budget.Metric, now);

        var coverage = ledger.Coverage;
        var dataThrough = coverage is { } c && c.Last < now ? c.Last : now;
        var today = BudgetPeriod.LocalDay(zone, dataThrough);
        var firstDataDay = coverage is { } f ? BudgetPeriod.LocalDay(zone, f.First) : today;
        if (today < period.FirstDay)
        {
            today = period.FirstDay;
        }

        var actual = spend.Between(period.FirstDay, period.LastDay);
        var forecast = SpendForecaster.Forecast(period, spend, today, firstDataDay);
        var actualMoney = new Money.Money(actual, budget.Currency);
        var forecastMoney = new Money.Money(Math.Max(forecast.Total, actual), budget.Currency);

        return new BudgetStatus
        {
            Budget = budget,
            Period = period,
            Actual = actualMoney,
            Forecast = forecastMoney,
            LinearRunRate = new Money.Money(forecast.LinearRunRate, budget.Currency),
            ForecastMethod = forecast.Method,
            Crossed = Crossings(budget, actualMoney, forecastMoney),
            Daily = DailyInPeriod(period, spend, today),
            DataThrough = slices.Count == 0 || coverage is null ? null : dataThrough,
            OtherCurrencies = spend.Elsewhere,
        };
    }

    private static decimal[] DailyInPeriod(BudgetPeriod period, DailySpend spend, DateOnly today)
    {
        var last = today < period.LastDay ? today : period.LastDay;
        var days = Math.Max(0, last.DayNumber - period.FirstDay.DayNumber + 1);
        var daily = new decimal[days];
        for (var i = 0; i < days; i++)
        {
            daily[i] = spend.On(period.FirstDay.AddDays(i));
        }

        return daily;
    }

    internal static List<ThresholdCrossing> Crossings(BudgetPolicy budget, Money.Money actual, Money.Money forecast)
    {
        var crossed = new List<ThresholdCrossing>();
        foreach (var threshold in budget.Thresholds)
        {
            var spend = threshold.Basis == SpendBasis.Actual ? actual : forecast;
            var level = new Money.Money(budget.Amount.Amount * threshold.Fraction, budget.Currency);
            if (spend.Amount >= level.Amount)
            {
                crossed.Add(new ThresholdCrossing(threshold, spend, level));
            }
        }

        return crossed;
    }
}
