using Frugal.Engine.Money;

namespace Frugal.Engine.Policies;

/// <summary>One budget: a scope of spend, an amount per period and the ladder of thresholds.</summary>
public sealed record BudgetPolicy
{
    public required string Name { get; init; }

    public BudgetScope Scope { get; init; } = BudgetScope.Everything;

    public required Money.Money Amount { get; init; }

    public BudgetPeriodKind Period { get; init; } = BudgetPeriodKind.Month;

    /// <summary>IANA time zone id that decides where days and periods begin.</summary>
    public string TimeZone { get; init; } = "Etc/UTC";

    public CostMetric Metric { get; init; } = CostMetric.BilledCost;

    /// <summary>Thresholds in the order they were written.</summary>
    public required IReadOnlyList<ThresholdRule> Thresholds { get; init; }

    /// <summary>Cloud budgets whose alerts report this budget's spend; none by default.</summary>
    public CloudBudgetLinks External { get; init; } = CloudBudgetLinks.None;

    public CurrencyCode Currency => Amount.Currency;
}

public enum BudgetPeriodKind
{
    Day,
    Week,
    Month,
}

/// <summary>Which FOCUS cost column a budget counts.</summary>
public enum CostMetric
{
    BilledCost,
    EffectiveCost,
}

/// <summary>Whether a threshold compares actual spend to date or the forecast for the whole period.</summary>
public enum SpendBasis
{
    Actual,
    Forecast,
}

/// <summary>A rung of the ladder: when spend reaches <see cref="Fraction"/> of the amount, do these actions.</summary>
public sealed record ThresholdRule
{
    /// <summary>A fraction of the budget amount in (0, 10]; 0.9 is 90 %.</summary>
    public required decimal Fraction { get; init; }

    public SpendBasis Basis { get; init; } = SpendBasis.Actual;

    public required IReadOnlyList<ActionRule> Actions { get; init; }

    /// <summary>A stable id for the rung, used in idempotency keys: <c>actual@0.9</c>.</summary>
    public string Id => FormattableString.Invariant($"{Basis.ToString().ToLowerInvariant()}@{Fraction:0.####}");
}

/// <summary>What spend a budget counts. An empty list matches everything for that dimension.</summary>
public sealed record BudgetScope
{
    public static BudgetScope Everything { get; } = new();

    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<string> BillingAccounts { get; init; } = [];

    /// <summary>Sub-accounts: GCP projects, Azure subscriptions, AWS accounts.</summary>
    public IReadOnlyList<string> SubAccounts { get; init; } = [];

    public IReadOnlyList<string> Services { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Tag key to accepted values; an empty value list means "tag present with any value".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public bool IsEverything =>
        Providers.Count == 0 && BillingAccounts.Count == 0 && SubAccounts.Count == 0 &&
        Services.Count == 0 && Regions.Count == 0 && Tags.Count == 0;
}
