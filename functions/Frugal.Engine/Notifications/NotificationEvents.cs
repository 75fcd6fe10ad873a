using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine.Notifications;

/// <summary>Builds the events Frugal tells people about from what the engine saw and did. Pure.</summary>
public static class NotificationEvents
{
    public static BudgetFacts Facts(BudgetStatus status, string? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new BudgetFacts
        {
            Name = status.Budget.Name,
            Period = status.Period.Label,
            Currency = status.Budget.Currency.Code,
            Amount = status.Budget.Amount.Amount,
            Spend = status.Actual.Amount,
            Forecast = status.Forecast.Amount,
            Threshold = threshold,
            FirstDay = status.Period.FirstDay,
            LastDay = status.Period.LastDay,
            Daily = status.Daily,
            Reached = [.. status.Crossed.Select(c => c.Threshold.Id)],
        };
    }

    /// <summary>A threshold reached; <paramref name="actions"/> are the crossing's rungs, in plan order.</summary>
    public static NotificationEvent Crossing(
        BudgetStatus status, ThresholdCrossing crossing, IEnumerable<PlannedAction> actions, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(crossing);
        var facts = Facts(status, crossing.Threshold.Id);
        var forecast = crossing.Threshold.Basis == SpendBasis.Forecast;
        var currency = facts.Currency;
        var steps = actions.Where(a => a.Kind != ActionKind.Notify).Select(a => a.Reason).ToList();
        var headline = forecast
            ? $"{facts.Name} forecast at {NotificationText.Percent(facts.ForecastFraction)} of " +
              NotificationText.Money(facts.Amount, currency)
            : $"{facts.Name} at {NotificationText.Percent(facts.SpendFraction)} of " +
              NotificationText.Money(facts.Amount, currency);
        var what = forecast ? "The forecast for the period" : "Spend to date";
        var summary =
            $"{what} ({NotificationText.Money(crossing.Spend.Amount, currency)}) reached the " +
            $"{NotificationText.Percent(crossing.Threshold.Fraction)} threshold " +
            $"({NotificationText.Money(crossing.Level.Amount, currency)}) of budget {facts.Name} for {facts.Period}.";
        return new NotificationEvent
        {
            Key = NotificationKeys.Threshold(facts.Name, facts.Period, crossing.Threshold.Id),
            Kind = NotificationSeverities.KindOf(crossing.Threshold),
            Severity = NotificationSeverities.For(crossing.Threshold),
            At = at,
            Headline = headline,
            Summary = summary,
            Budget = facts,
            Steps = steps.Count > 0 ? steps : ["Nothing else: this threshold only tells people."],
        };
    }

    /// <summary>
    /// The event an action's outcome causes: planned (dry-run), taken, or failed; null when the outcome is
    /// nothing to tell (still pending, or skipped for another reason than dry-run).
    /// </summary>
    public static NotificationEvent? ActionOutcome(
        PlannedAction action, ActionResult result, int attempts, BudgetStatus? status, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(result);
        var (kind, key, state) = result.Status switch
        {
            ActionStatus.Skipped when action.DryRun => (NotificationEventKind.ActionPlanned,
                NotificationKeys.ActionPlanned(action.IdempotencyKey), "planned in dry-run, not carried out"),
            ActionStatus.Succeeded => (NotificationEventKind.ActionTaken,
                NotificationKeys.ActionTaken(action.IdempotencyKey), "done"),
            ActionStatus.Failed or ActionStatus.DeadLettered or ActionStatus.Pending when attempts > 0 =>
                (NotificationEventKind.ActionFailed, NotificationKeys.ActionFailed(action.IdempotencyKey),
                    "failed"),
            _ => (default(NotificationEventKind?), string.Empty, string.Empty),
        };
        if (kind is not { } known)
        {
            return null;
        }

        var what = BudgetPlanner.Describe(action.Rule, action.Target, action.Budget);
        return new NotificationEvent
        {
            Key = key,
            Kind = known,
            Severity = NotificationSeverities.For(known, action.Kind),
            At = at,
            Headline = $"{action.Budget}: {what} ({state})",
            Summary = ActionSummary(known, result, attempts),
            Budget = status is null ? null : Facts(status, action.ThresholdId),
            Steps = [action.Reason],
        };
    }

    public static NotificationEvent Refusal(BudgetPlan plan, DateOnly day, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new NotificationEvent
        {
            Key = NotificationKeys.SafetyLimit(day, plan.Actions.Select(a => a.IdempotencyKey)),
            Kind = NotificationEventKind.SafetyLimit,
            Severity = NotificationSeverity.Critical,
            At = at,
            Headline = string.Create(CultureInfo.InvariantCulture,
                $"Safety limit: a plan of {plan.Actions.Count} actions was refused"),
            Summary = $"Frugal did nothing: {plan.Refusal}. Check the plan with 'frugal plan', then raise " +
                      "safety.maxActionsPerRun or narrow the thresholds.",
            Steps = [.. plan.Actions.Select(a => $"not done: {a.Reason}")],
        };
    }

    public static NotificationEvent Digest(DigestFacts digest, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var over = digest.Budgets.Count(b => b.SpendFraction >= 1m);
        var day = digest.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new NotificationEvent
        {
            Key = NotificationKeys.Digest(digest.Day),
            Kind = NotificationEventKind.DailyDigest,
            Severity = NotificationSeverity.Info,
            At = at,
            Headline = string.Create(CultureInfo.InvariantCulture,
                $"Daily digest {day}: {digest.Budgets.Count} budget{(digest.Budgets.Count == 1 ? "" : "s")}, " +
                $"{over} over budget"),
            Summary = string.Create(CultureInfo.InvariantCulture,
                $"Where every budget stands on {day} ({digest.TimeZone}), and what Frugal did that day " +
                $"({digest.Actions.Count} action{(digest.Actions.Count == 1 ? "" : "s")} settled)."),
            Digest = digest,
        };
    }

    public static NotificationEvent ChannelGone(string channel, string reason, DateOnly day, DateTimeOffset at) =>
        new()
        {
            Key = NotificationKeys.ChannelGone(channel, day),
            Kind = NotificationEventKind.ChannelGone,
            Severity = NotificationSeverity.Critical,
            At = at,
            Headline = $"Channel {channel} no longer takes messages",
            Summary = $"Frugal could not deliver to channel '{channel}': {reason}. Messages for it are " +
                      "dead-lettered until the channel is fixed in the policy (see 'frugal history --dead-letters').",
        };

    public static NotificationEvent Test(ChannelPolicy channel, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new NotificationEvent
        {
            Key = string.Create(CultureInfo.InvariantCulture, $"test|{channel.Name}|{at:yyyyMMddTHHmmssfff}"),
            Kind = NotificationEventKind.Test,
            Severity = NotificationSeverity.Info,
            At = at,
            Headline = $"Test message for channel {channel.Name}",
            Summary = "Frugal can reach this channel. Nothing needs doing: this message was sent by " +
                      "'frugal notify test' to check the setup.",
        };
    }

    private static string ActionSummary(NotificationEventKind kind, ActionResult result, int attempts) => kind switch
    {
        NotificationEventKind.ActionPlanned =>
            "The policy is in dry-run, so Frugal only shows this action. Set safety.dryRun to false to let it act.",
        NotificationEventKind.ActionTaken => $"Frugal carried the action out: {result.Detail}.",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"Attempt {attempts} failed: {result.Detail}. ") + (result.Status == ActionStatus.DeadLettered
            ? "Frugal gave up; see 'frugal history --dead-letters'."
            : "Frugal tries again with backoff and tells you when it is done."),
    };
}
