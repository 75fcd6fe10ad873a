using System.Globalization;

namespace Frugal.Engine.BudgetEvents;

/// <summary>Which cloud pushed a budget alert.</summary>
public enum BudgetEventSource
{
    Gcp,
    Azure,
}

/// <summary>
/// A budget alert pushed by a cloud (a GCP budget notification, an Azure budget alert), in one shape whatever its
/// wire format. The figures are the cloud's own view of the spend of one of its budgets.
/// </summary>
public sealed record BudgetEvent
{
    public required BudgetEventSource Source { get; init; }

    /// <summary>The delivery's id: Pub/Sub's messageId, Azure's alert id and firing time, or a body hash.</summary>
    public required string EventId { get; init; }

    /// <summary>The cloud budget's id: GCP's budgetId attribute, Azure's budget resource id or name.</summary>
    public required string CloudBudgetId { get; init; }

    /// <summary>The cloud budget's name as people see it: GCP's budgetDisplayName, Azure's BudgetName.</summary>
    public string? CloudBudgetName { get; init; }

    /// <summary>GCP's billing account id or Azure's scope, for the record.</summary>
    public string? BillingScope { get; init; }

    /// <summary>Spend the cloud counted in the budget's current interval.</summary>
    public required Money.Money Cost { get; init; }

    /// <summary>The cloud budget's amount, when the alert says it.</summary>
    public Money.Money? BudgetAmount { get; init; }

    /// <summary>The cloud's forecast for the whole interval, when the alert has one (Azure forecasts).</summary>
    public Money.Money? Forecast { get; init; }

    /// <summary>Where the cloud's interval begins, when the alert says it (GCP's costIntervalStart).</summary>
    public DateTimeOffset? IntervalStart { get; init; }

    /// <summary>
    /// An instant inside the interval the figures belong to. The policy budget whose period contains it is the one
    /// the figures count for; see <see cref="CloudSpend"/>.
    /// </summary>
    public required DateTimeOffset PeriodAnchor { get; init; }

    /// <summary>The highest actual-spend threshold of the cloud budget exceeded, as a fraction (0.9 is 90 %).</summary>
    public decimal? ActualThresholdExceeded { get; init; }

    /// <summary>The highest forecast threshold of the cloud budget exceeded, as a fraction.</summary>
    public decimal? ForecastThresholdExceeded { get; init; }

    /// <summary>When the cloud made the report: Pub/Sub's publishTime, Azure's firedDateTime, else receipt.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>
    /// What the alert says, without when or how it was delivered: two alerts with the same key carry the same
    /// information (GCP repeats an unchanged budget several times a day), so only the first one is acted on.
    /// </summary>
    public string ContentKey =>
        string.Join('|',
            Source.ToString(), CloudBudgetId, Interval(), Amount(Cost), Amount(BudgetAmount), Amount(Forecast),
            Fraction(ActualThresholdExceeded), Fraction(ForecastThresholdExceeded));

    private string Interval() =>
        IntervalStart is { } start
            ? start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : PeriodAnchor.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Amount(Money.Money? money) =>
        money is { } m ? $"{m.Currency.Code} {m.Amount.ToString("0.############", CultureInfo.InvariantCulture)}" : "-";

    private static string Fraction(decimal? value) =>
        value?.ToString("0.######", CultureInfo.InvariantCulture) ?? "-";
}
