using Frugal.Engine.Policies;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// Which namespaces of a cluster to list. When every rule and cap that can reach the cluster names its namespaces
/// exactly, only those are listed, so Frugal can run with a namespaced Role; otherwise the whole cluster is, which
/// also finds autoscalers Frugal changed under rules since removed, and gives them back their originals.
/// </summary>
public static class ListingScope
{
    /// <summary>The namespaces to list, or null for the whole cluster.</summary>
    public static IReadOnlyList<string>? Namespaces(
        FrugalPolicy policy, IReadOnlyList<ReplicaCap> caps, string cluster)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(caps);
        var selectors = policy.Autoscaling.Rules.Select(r => r.Select)
            .Concat(LadderTargets(policy))
            .Concat(caps.Select(c => c.Target))
            .Where(s => s.Clusters.Count == 0 || s.Clusters.Any(c => NameGlob.IsMatch(c, cluster)))
            .ToList();
        if (selectors.Count == 0 || selectors.Any(s => s.Namespaces.Count == 0 || s.Namespaces.Any(IsGlob)))
        {
            return null;
        }

        return [.. selectors.SelectMany(s => s.Namespaces).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<HpaSelector> LadderTargets(FrugalPolicy policy) =>
        from budget in policy.Budgets
        from threshold in budget.Thresholds
        from action in threshold.Actions
        where action.Kind == ActionKind.CapAutoscaling
        from target in action.Targets
        let selector = HpaSelector.ParseTarget(target, out _)
        where selector is not null
        select selector;

    private static bool IsGlob(string pattern) => pattern.IndexOfAny(['*', '?']) >= 0;
}
