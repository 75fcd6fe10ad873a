using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.BudgetEvents;

/// <summary>
/// Takes in a budget alert a cloud pushed: records it once (a repeat by delivery id or by content changes nothing)
/// and, when it reports on a policy budget, asks for an evaluation through the usual planner. Crossing keys make
/// each resulting action happen once, however many alerts report the same crossing.
/// </summary>
public sealed partial class BudgetEventIntake(
    IBudgetEventStore store, IBudgetEvaluationTrigger trigger, ILogger<BudgetEventIntake> logger)
{
    public async Task<BudgetEventOutcome> AcceptAsync(
        FrugalPolicy policy, BudgetEvent budgetEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budgetEvent);

        var budgets = CloudBudgetMatch.BudgetsFor(policy, budgetEvent).Select(b => b.Name).ToList();
        var cloudBudget = budgetEvent.CloudBudgetName ?? budgetEvent.CloudBudgetId;
        if (!await store.RecordAsync(budgetEvent, ct).ConfigureAwait(false))
        {
            LogRepeat(budgetEvent.Source.ToString(), cloudBudget, budgetEvent.EventId);
            return new BudgetEventOutcome(BudgetEventDisposition.Repeat, budgets,
                "already received: this alert (or one saying the same) was taken in before");
        }

        if (budgets.Count == 0)
        {
            LogUnmatched(budgetEvent.Source.ToString(), cloudBudget);
            return new BudgetEventOutcome(BudgetEventDisposition.Unmatched, budgets,
                $"recorded; no policy budget links cloud budget '{cloudBudget}' (see budgets[].external)");
        }

        LogAccepted(
            budgetEvent.Source.ToString(), cloudBudget, budgetEvent.Cost.ToString(), string.Join(", ", budgets));
        trigger.Request($"{budgetEvent.Source} budget alert for {cloudBudget}");
        return new BudgetEventOutcome(BudgetEventDisposition.Accepted, budgets,
            $"recorded; evaluating {string.Join(", ", budgets)}");
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "{Source} budget alert for {CloudBudget}: spend {Cost}; evaluating {Budgets}")]
    private partial void LogAccepted(string source, string cloudBudget, string cost, string budgets);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information,
        Message = "{Source} budget alert for {CloudBudget} repeats one already received ({EventId}); nothing to do")]
    private partial void LogRepeat(string source, string cloudBudget, string eventId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning,
        Message = "{Source} budget alert for {CloudBudget} matches no policy budget; recorded only")]
    private partial void LogUnmatched(string source, string cloudBudget);
}

public enum BudgetEventDisposition
{
    /// <summary>Recorded and reported on at least one policy budget: an evaluation was requested.</summary>
    Accepted,

    /// <summary>The same delivery, or the same information, came before: nothing changed.</summary>
    Repeat,

    /// <summary>Recorded, but no policy budget is linked to the cloud budget.</summary>
    Unmatched,
}

/// <summary>What became of a budget alert, with a line for the sender and the policy budgets concerned.</summary>
public sealed record BudgetEventOutcome(
    BudgetEventDisposition Disposition, IReadOnlyList<string> Budgets, string Detail);
