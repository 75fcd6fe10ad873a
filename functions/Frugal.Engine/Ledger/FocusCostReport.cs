using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Ledger;

/// <summary>The answer to a <see cref="FocusCostQuery"/>; amounts in different currencies stay apart.</summary>
public sealed record FocusCostReport(
    CostMetric Metric,
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<CostGroup> Groups,
    IReadOnlyList<Money.Money> Totals,
    long RowsRead,
    long RowsRejected,
    IReadOnlyList<RejectedRow> Rejected);

/// <summary>
/// Spend of one combination of group values in one currency. <see cref="Key"/> lines up with the report's
/// GroupBy; a null value is a null (or absent) cell. Values are grouped ignoring ASCII letter case and show the
/// spelling seen first.
/// </summary>
public sealed record CostGroup(IReadOnlyList<string?> Key, Money.Money Cost)
{
    public CurrencyCode Currency => Cost.Currency;
}
