using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Planning;

/// <summary>
/// Turns evaluated budgets into a plan. A pure function of policy, budget statuses, the crossings that already
/// fired and the time: no I/O, no clock.
/// </summary>
public static class BudgetPlanner
{
    public static BudgetPlan Plan(
        FrugalPolicy policy,
        IReadOnlyList<BudgetStatus> budgets,
        IReadOnlySet<string> firedCrossings,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(firedCrossings);

        var actions = new List<PlannedAction>();
        var alreadyFired = new List<string>();
        foreach (var status in budgets)
        {
            foreach (var crossing in status.Crossed)
            {
                var crossingKey = CrossingKey(status, crossing.Threshold, policy.Safety.DryRun);
                if (firedCrossings.Contains(crossingKey))
                {
                    alreadyFired.Add(crossingKey);
                    continue;
                }

                actions.AddRange(ActionsFor(policy, status, crossing, crossingKey));
            }
        }

        return new BudgetPlan
        {
            CreatedAt = now,
            Budgets = budgets,
            Actions = actions,
            AlreadyFired = alreadyFired,
            Refusal = actions.Count > policy.Safety.MaxActionsPerRun
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"the plan has {actions.Count} actions, more than safety.maxActionsPerRun " +
                    $"({policy.Safety.MaxActionsPerRun}); nothing was done")
                : null,
        };
    }

    /// <summary>
    /// The key of a crossing: budget, period and threshold, and whether it fired in dry-run. A crossing seen in
    /// dry-run fires again once dry-run is turned off, so that the destructive rungs then really happen; the
    /// notifications it already sent keep their keys and are not sent twice.
    /// </summary>
    public static string CrossingKey(BudgetStatus status, ThresholdRule threshold, bool dryRun) =>
        $"{status.Budget.Name}|{status.Period.Label}|{threshold.Id}|{(dryRun ? "dry-run" : "live")}";

    private static IEnumerable<PlannedAction> ActionsFor(
        FrugalPolicy policy, BudgetStatus status, ThresholdCrossing crossing, string crossingKey)
    {
        var notified = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in crossing.Threshold.Actions)
        {
            foreach (var target in Targets(policy, status, rule))
            {
                if (rule.Kind != ActionKind.Notify || notified.Add(target))
                {
                    yield return Action(policy, status, crossing, crossingKey, rule, target);
                }
            }
        }

        foreach (var channel in RoutedChannels(policy, crossing.Threshold).Where(notified.Add))
        {
            var rule = new ActionRule { Kind = ActionKind.Notify, Channels = [channel] };
            yield return Action(policy, status, crossing, crossingKey, rule, channel);
        }
    }

    private static PlannedAction Action(
        FrugalPolicy policy, BudgetStatus status, ThresholdCrossing crossing, string crossingKey, ActionRule rule,
        string target)
    {
        var dryRun = rule.IsDestructive && policy.Safety.DryRun;
        var key = rule.Kind == ActionKind.Notify
            ? NotificationKeys.ForChannel(
                NotificationKeys.Threshold(status.Budget.Name, status.Period.Label, crossing.Threshold.Id), target)
            : $"{status.Budget.Name}|{status.Period.Label}|{crossing.Threshold.Id}|" +
              $"{rule.Kind}|{target}{(dryRun ? "|dry-run" : string.Empty)}";
        return new PlannedAction
        {
            IdempotencyKey = key,
            CrossingKey = crossingKey,
            Kind = rule.Kind,
            Budget = status.Budget.Name,
            Period = status.Period.Label,
            ThresholdId = crossing.Threshold.Id,
            Target = target,
            Reason = Reason(status, crossing, rule, target, dryRun),
            DryRun = dryRun,
            Rule = rule,
        };
    }

    /// <summary>Channels that routes add to a threshold's own <c>notify</c>, by its kind and severity.</summary>
    private static IEnumerable<string> RoutedChannels(FrugalPolicy policy, ThresholdRule threshold) =>
        NotificationRouter.Channels(
            policy, NotificationSeverities.KindOf(threshold), NotificationSeverities.For(threshold));

    private static IEnumerable<string> Targets(FrugalPolicy policy, BudgetStatus status, ActionRule rule) =>
        rule.Kind switch
        {
            ActionKind.Notify => rule.Channels.Count > 0
                ? rule.Channels
                : policy.Channels.Count > 0 ? policy.Channels.Select(c => c.Name) : ["console"],
            ActionKind.CapAutoscaling => rule.Targets,
            ActionKind.DetachBilling => [rule.Project ?? string.Empty],
            _ => [status.Budget.Name],
        };

    private static string Reason(
        BudgetStatus status, ThresholdCrossing crossing, ActionRule rule, string target, bool dryRun)
    {
        var basis = crossing.Threshold.Basis == SpendBasis.Actual ? "spend" : "forecast";
        var percent = crossing.Threshold.Fraction.ToString("0.##%", CultureInfo.InvariantCulture);
        var prefix = dryRun ? "[dry-run] would " : string.Empty;
        return $"{prefix}{Describe(rule, target, status.Budget.Name)}: {status.Budget.Name} {basis} " +
               $"{crossing.Spend} reached {percent} of {status.Budget.Amount} ({status.Period.Label})";
    }

    /// <summary>What an action does, in a few words: <c>hold training charged to ml-platform</c>.</summary>
    public static string Describe(ActionRule rule, string target, string budget)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            ActionKind.Notify => $"notify {target}",
            ActionKind.CapAutoscaling => $"cap autoscaling of {target} to {CapText(rule)}",
            ActionKind.HoldTraining => $"hold training charged to {budget}",
            ActionKind.DetachBilling =>
                $"detach billing from project {target}: its resources stop and some may be deleted",
            _ => rule.Kind.ToString(),
        };
    }

    private static string CapText(ActionRule rule) =>
        rule.MaxReplicas is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"{max} replicas")
            : string.Create(CultureInfo.InvariantCulture, $"{rule.MaxReplicasFraction:0.##%} of its maximum");
}
