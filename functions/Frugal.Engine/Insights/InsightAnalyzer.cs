using Frugal.Engine.Money;

namespace Frugal.Engine.Insights;

/// <summary>Computes an <see cref="InsightReport"/>: a pure function, the same input gives the same report.</summary>
public static class InsightAnalyzer
{
    public static InsightReport Analyze(InsightInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var period = input.Period;
        var current = input.Lines.Where(l => In(period, l)).ToList();
        var previousLines = input.Lines.Where(l => In(period.Previous, l)).ToList();
        var currency = LedgerCurrency(period, input.Lines);
        var spend = new PeriodSpend(period, currency, [.. current.Where(l => l.Cost.Currency == currency)]);
        var before = previousLines.Where(l => l.Cost.Currency == currency).ToList();

        return new InsightReport(
            period,
            input.Metric,
            currency,
            spend.Total,
            new Money.Money(before.Sum(l => l.Cost.Amount), currency),
            OtherCurrencies(current, currency),
            SpendBreakdowns.All(spend, input.Options),
            SpendBreakdowns.Movers(spend, before, input.Options.Top),
            SpendBreakdowns.Untagged(spend, input.Options),
            InferenceReport.Costs(input.Usage),
            Recommendations.All(input, spend),
            Daily(spend, before),
            input.Notes);
    }

    private static bool In(InsightPeriod period, CostLine line) =>
        line.ChargePeriodStart >= period.From && line.ChargePeriodStart < period.To;

    /// <summary>
    /// The currency most of the period's spend is in (the previous period's when this one has none); ties go to the
    /// code first in order, so the choice is stable. USD for no spend at all.
    /// </summary>
    public static CurrencyCode LedgerCurrency(InsightPeriod period, IReadOnlyList<CostLine> all)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(all);
        var current = all.Where(l => In(period, l)).ToList();
        return MostSpent(current.Count > 0 ? current : [.. all.Where(l => In(period.Previous, l))]);
    }

    private static CurrencyCode MostSpent(IReadOnlyList<CostLine> lines) =>
        lines.Count == 0
            ? CurrencyCode.Parse("USD")
            : lines.GroupBy(l => l.Cost.Currency)
                .OrderByDescending(g => g.Sum(l => l.Cost.Amount))
                .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
                .First().Key;

    private static Money.Money[] OtherCurrencies(IEnumerable<CostLine> lines, CurrencyCode currency) =>
    [
        .. lines.Where(l => l.Cost.Currency != currency)
            .GroupBy(l => l.Cost.Currency)
            .Select(g => new Money.Money(g.Sum(l => l.Cost.Amount), g.Key))
            .OrderBy(m => m.Currency.Code, StringComparer.Ordinal),
    ];

    private static DailyTotal[] Daily(PeriodSpend spend, IReadOnlyList<CostLine> before)
    {
        var first = DateOnly.FromDateTime(spend.Period.From.UtcDateTime);
        var days = (int)Math.Ceiling(spend.Period.Length.TotalDays);
        var current = new decimal[days];
        var previous = new decimal[days];
        foreach (var line in spend.Lines)
        {
            current[(int)(line.ChargePeriodStart - spend.Period.From).TotalDays] += line.Cost.Amount;
        }

        foreach (var line in before)
        {
            previous[(int)(line.ChargePeriodStart - spend.Period.Previous.From).TotalDays] += line.Cost.Amount;
        }

        return [.. Enumerable.Range(0, days).Select(d => new DailyTotal(first.AddDays(d), current[d], previous[d]))];
    }
}

/// <summary>The period's cost lines in the ledger's currency, with their total.</summary>
internal sealed record PeriodSpend(InsightPeriod Period, CurrencyCode Currency, IReadOnlyList<CostLine> Lines)
{
    public Money.Money Total { get; } = new(Lines.Sum(l => l.Cost.Amount), Currency);

    public Money.Money Sum(IEnumerable<CostLine> lines) => new(lines.Sum(l => l.Cost.Amount), Currency);

    public decimal Share(decimal amount) => Total.Amount == 0m ? 0m : amount / Total.Amount;
}
