using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Insights;

/// <summary>
/// Where the money went over a period and what to change: breakdowns, movers, untagged spend, cost per 1,000
/// predictions and recommendations. Amounts are in the ledger's currency (the one with the most spend); spend in
/// other currencies is only totalled in <see cref="OtherCurrencies"/>.
/// </summary>
public sealed record InsightReport(
    InsightPeriod Period,
    CostMetric Metric,
    CurrencyCode Currency,
    Money.Money Total,
    Money.Money PreviousTotal,
    IReadOnlyList<Money.Money> OtherCurrencies,
    IReadOnlyList<SpendBreakdown> Breakdowns,
    IReadOnlyList<SpendMover> Movers,
    UntaggedSpend Untagged,
    InferenceCosts Inference,
    IReadOnlyList<Recommendation> Recommendations,
    IReadOnlyList<DailyTotal> Daily,
    IReadOnlyList<string> Notes);

/// <summary>Spend grouped by one dimension, largest first, with each entry's share of the period's total.</summary>
public sealed record SpendBreakdown(string By, IReadOnlyList<SpendShare> Top, int Distinct, string HowComputed);

public sealed record SpendShare(string Key, Money.Money Cost, decimal Share);

/// <summary>How one service in one project moved against the previous period of equal length.</summary>
public sealed record SpendMover(string Key, Money.Money Previous, Money.Money Current)
{
    public Money.Money Change => Current - Previous;

    /// <summary>The change as a fraction of the previous spend; null when there was none.</summary>
    public decimal? Relative => Previous.Amount == 0m ? null : Change.Amount / Previous.Amount;
}

/// <summary>
/// Charges whose rows carry no team tag, and where most of them are. Credits and refunds (rows below zero) rarely
/// carry tags and say nothing about tagging discipline, so they are kept apart in <see cref="Credits"/>.
/// </summary>
public sealed record UntaggedSpend(
    string Tag, Money.Money Cost, decimal Share, IReadOnlyList<SpendShare> Top, Money.Money Credits);

/// <summary>The gpu-worker's report: cost per 1,000 predictions per model version, or why there is none.</summary>
public sealed record InferenceCosts(bool Reported, IReadOnlyList<ModelUnitCost> Models, string Note);

public sealed record ModelUnitCost(
    string Model, string Version, long Predictions, Money.Money Cost, Money.Money? PerThousand);

/// <summary>Spend of one UTC day of the period and of the same day of the previous period.</summary>
public sealed record DailyTotal(DateOnly Day, decimal Current, decimal Previous);
