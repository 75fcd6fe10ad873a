using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Bench;

/// <summary>
/// Replays November in the bundled sample day by day, and three months of synthetic spend with weekday seasonality
/// for several seeds: on each day, Frugal's forecast of the month's total against a linear run-rate's, scored by the
/// mean absolute percentage error against the total that really came.
/// </summary>
internal static class ForecastBenchmark
{
    private static readonly DateOnly November = new(2026, 11, 1);

    public static async Task<int> RunAsync(string sample)
    {
        var ledger = await FocusLedgerReader.ReadAsync([sample], FocusReadOptions.Default, CancellationToken.None);
        var index = new LedgerIndex(ledger);
        var usd = CurrencyCode.Parse("USD");
        Console.WriteLine("series                                 seasonal MAPE  linear MAPE");
        foreach (var (name, scope) in Scopes())
        {
            var spend = index.SpendByDay(index.Match(scope), TimeZoneInfo.Utc, usd, CostMetric.BilledCost,
                DateTimeOffset.MaxValue);
            var days = Enumerable.Range(0, 30).ToDictionary(
                d => new DateOnly(2026, 11, 1).AddDays(d), d => spend.On(new DateOnly(2026, 11, 1).AddDays(d)));
            Print($"sample 2026-11, {name}", ForecastBacktest.Run(days, BudgetPeriodKind.Month, November));
        }

        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var days = Synthetic(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30), seed);
            Print($"synthetic Sep-Nov, seed {seed}", ForecastBacktest.Run(days, BudgetPeriodKind.Month, November));
        }

        return 0;
    }

    private static IEnumerable<(string Name, BudgetScope Scope)> Scopes() =>
    [
        ("all spend", BudgetScope.Everything),
        ("Compute Engine", new BudgetScope { Services = ["Compute Engine"] }),
        ("ml-serving-prod", new BudgetScope { SubAccounts = ["ml-serving-prod"] }),
    ];

    private static void Print(string name, BacktestResult result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-38} {result.SeasonalMape,13:P2} {result.LinearMape,12:P2}"));

    // Weekdays cost about three times a weekend day, with a slow upward trend and ±10 % noise.
    private static Dictionary<DateOnly, decimal> Synthetic(DateOnly first, DateOnly last, int seed)
    {
        var random = new Random(seed);
        var days = new Dictionary<DateOnly, decimal>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var trend = 1m + (day.DayNumber - first.DayNumber) * 0.002m;
            var noise = 0.9m + (decimal)random.NextDouble() * 0.2m;
            days[day] = decimal.Round((weekend ? 300m : 1000m) * trend * noise, 2);
        }

        return days;
    }
}
