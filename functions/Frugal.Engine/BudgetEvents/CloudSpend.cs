using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.BudgetEvents;

/// <summary>
/// Takes cloud budget alerts into account: a budget's actual spend is the larger of what the ledger sums and the
/// latest figure a linked cloud budget reported for the same period. Both count the same spend, but with different
/// delays (the billing export lags hours behind the clouds' own budget figures), so the larger one is the more
/// recent truth and neither source can hide spend the other already sees. Pure.
/// </summary>
public static class CloudSpend
{
    /// <summary>How far back alerts can still concern a current period: the longest period, with margin.</summary>
    public static TimeSpan Lookback { get; } = TimeSpan.FromDays(40);

    public static IReadOnlyList<BudgetStatus> Apply(
        FrugalPolicy policy, IReadOnlyList<BudgetStatus> statuses, IReadOnlyList<BudgetEvent> events)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return statuses;
        }

        var byBudget = events
            .SelectMany(e => CloudBudgetMatch.BudgetsFor(policy, e).Select(b => (b.Name, Event: e)))
            .ToLookup(pair => pair.Name, pair => pair.Event, StringComparer.OrdinalIgnoreCase);
        return [.. statuses.Select(s => Apply(s, byBudget[s.Budget.Name]))];
    }

    /// <summary>The status with the latest report for its period taken into account, or as it was.</summary>
    public static BudgetStatus Apply(BudgetStatus status, IEnumerable<BudgetEvent> events)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(events);

        var latest = events
            .Where(e => e.Cost.Currency == status.Budget.Currency)
            .Where(e => e.PeriodAnchor >= status.Period.Start && e.PeriodAnchor < status.Period.End)
            .OrderBy(e => e.ObservedAt)
            .ThenBy(e => e.ReceivedAt)
            .LastOrDefault();
        if (latest is null)
        {
            return status;
        }

        var actual = Larger(status.Actual, latest.Cost);
        var forecast = Larger(Larger(status.Forecast, actual), latest.Forecast);
        return status with
        {
            Actual = actual,
            Forecast = forecast,
            CloudReported = latest.Cost,
            Crossed = BudgetEvaluator.Crossings(status.Budget, actual, forecast),
        };
    }

    private static Money.Money Larger(Money.Money ours, Money.Money? theirs) =>
        theirs is { } other && other.Currency == ours.Currency && other.Amount > ours.Amount ? other : ours;
}
