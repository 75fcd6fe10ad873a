using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>Where one budget stands in its current period.</summary>
public sealed record BudgetStatus
{
    public required BudgetPolicy Budget { get; init; }

    public required BudgetPeriod Period { get; init; }

    /// <summary>Spend billed in the period so far.</summary>
    public required Money.Money Actual { get; init; }

    /// <summary>The forecast total for the whole period.</summary>
    public required Money.Money Forecast { get; init; }

    /// <summary>The naive linear run-rate, shown beside the forecast.</summary>
    public required Money.Money LinearRunRate { get; init; }

    public required string ForecastMethod { get; init; }

    /// <summary>Thresholds the spend has reached, in policy order.</summary>
    public required IReadOnlyList<ThresholdCrossing> Crossed { get; init; }

    /// <summary>Spend on each local day of the period, from its first day up to the day the data reaches.</summary>
    public IReadOnlyList<decimal> Daily { get; init; } = [];

    /// <summary>The last charge period the data covers, or null when no data matched.</summary>
    public DateTimeOffset? DataThrough { get; init; }

    /// <summary>Spend in scope but in another currency than the budget's: reported, never converted.</summary>
    public IReadOnlyDictionary<CurrencyCode, decimal> OtherCurrencies { get; init; } =
        new Dictionary<CurrencyCode, decimal>();

    /// <summary>The latest spend a linked cloud budget reported for this period, or null when none did.</summary>
    public Money.Money? CloudReported { get; init; }

    public decimal ActualFraction => Budget.Amount.Amount == 0 ? 0 : Actual.Amount / Budget.Amount.Amount;

    public decimal ForecastFraction => Budget.Amount.Amount == 0 ? 0 : Forecast.Amount / Budget.Amount.Amount;
}

/// <summary>A threshold reached: the rule, the spend that reached it and the level it reached.</summary>
public sealed record ThresholdCrossing(ThresholdRule Threshold, Money.Money Spend, Money.Money Level);
