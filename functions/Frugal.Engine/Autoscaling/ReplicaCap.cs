using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// A ceiling in force now because a budget is in trouble. A cap from a ladder rung (<c>capAutoscaling</c>) applies
/// to the autoscalers its target selects; a cap from a rule's <c>budgetCaps</c> applies to the autoscalers that
/// rule governs (<see cref="Rule"/>).
/// </summary>
public sealed record ReplicaCap(HpaSelector Target, int? MaxReplicas, decimal? MaxReplicasFraction, string Reason)
{
    /// <summary>The rule whose autoscalers this cap applies to; null for a ladder cap, which uses its target.</summary>
    public string? Rule { get; init; }

    /// <summary>The ceiling for this original ceiling; a fraction rounds down, to 1 at least.</summary>
    public int CeilingFor(int originalMax) =>
        MaxReplicas ?? Math.Max(1, (int)Math.Floor((MaxReplicasFraction ?? 1m) * originalMax));

    public string CeilingText =>
        MaxReplicas is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"{max} replicas")
            : string.Create(CultureInfo.InvariantCulture, $"{MaxReplicasFraction:0.##%} of the original ceiling");
}

/// <summary>
/// Finds the caps in force from budget statuses of the current period. Because this is recomputed on every run, a
/// cap ends by itself when its budget recovers or a new period begins: nothing has to remember to lift it.
/// </summary>
public static class ReplicaCaps
{
    public static IReadOnlyList<ReplicaCap> InForce(FrugalPolicy policy, IReadOnlyList<BudgetStatus> budgets)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budgets);
        return [.. FromLadder(budgets), .. FromRules(policy, budgets)];
    }

    /// <summary>Whether any cap could ever hold: when none can, budgets need not be evaluated at all.</summary>
    public static bool AnyDeclared(FrugalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Autoscaling.Rules.Any(r => r.BudgetCaps.Count > 0)
            || policy.Budgets.SelectMany(b => b.Thresholds).SelectMany(t => t.Actions)
                .Any(a => a.Kind == ActionKind.CapAutoscaling);
    }

    private static IEnumerable<ReplicaCap> FromLadder(IReadOnlyList<BudgetStatus> budgets) =>
        from status in budgets
        from crossing in status.Crossed
        from action in crossing.Threshold.Actions
        where action.Kind == ActionKind.CapAutoscaling
        from target in action.Targets
        let selector = HpaSelector.ParseTarget(target, out _)
        where selector is not null
        select Ladder(status, crossing, action, selector);

    private static ReplicaCap Ladder(BudgetStatus status, ThresholdCrossing crossing, ActionRule action,
        HpaSelector selector)
    {
        var cap = new ReplicaCap(selector, action.MaxReplicas, action.MaxReplicasFraction, "");
        return cap with
        {
            Reason = $"budget {status.Budget.Name} reached {crossing.Threshold.Id} in {status.Period.Label} " +
                $"({crossing.Spend} of {status.Budget.Amount}): ceiling {cap.CeilingText}",
        };
    }

    private static IEnumerable<ReplicaCap> FromRules(FrugalPolicy policy, IReadOnlyList<BudgetStatus> budgets)
    {
        foreach (var rule in policy.Autoscaling.Rules)
        {
            foreach (var cap in rule.BudgetCaps)
            {
                var status = budgets.FirstOrDefault(
                    b => string.Equals(b.Budget.Name, cap.Budget, StringComparison.OrdinalIgnoreCase));
                var fraction = cap.On == SpendBasis.Actual ? status?.ActualFraction : status?.ForecastFraction;
                if (status is not null && fraction >= cap.At)
                {
                    yield return Rule(rule, cap, status, fraction.Value);
                }
            }
        }
    }

    private static ReplicaCap Rule(AutoscalingRule rule, BudgetReplicaCap cap, BudgetStatus status, decimal reached)
    {
        var basis = cap.On == SpendBasis.Actual ? "spend" : "forecast";
        var result = new ReplicaCap(rule.Select, cap.MaxReplicas, cap.MaxReplicasFraction, "") { Rule = rule.Name };
        return result with
        {
            Reason = string.Create(CultureInfo.InvariantCulture,
                $"budget {status.Budget.Name} {basis} at {reached:0.#%} of {status.Budget.Amount} " +
                $"in {status.Period.Label} (cap from {cap.At:0.##%}, rule {rule.Name}): ceiling {result.CeilingText}"),
        };
    }
}
