namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the <c>autoscaling</c> section: clusters, rules, and the limits on what one run may do.</summary>
internal static class AutoscalingReader
{
    private static readonly string[] Keys = ["clusters", "rules", "includeKeda", "maxChangesPerRun"];

    /// <summary>Reads the section; <paramref name="budgets"/> is the budget list, whose names caps use.</summary>
    public static AutoscalingPolicy Read(PolicyNode? node, PolicyNode? budgets, PolicyReadContext context)
    {
        var defaults = AutoscalingPolicy.None;
        if (node is null || PolicyValues.Mapping(node, "autoscaling", context.Errors) is not { } mapping)
        {
            return defaults;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var clusters = KubernetesClustersReader.Read(fields.Value("clusters"), context);
        var clusterNames = clusters.Select(c => c.Name).ToList();
        var rules = AutoscalingRulesReader.Read(
            fields.Value("rules"), clusterNames, BudgetNames(budgets), context);
        return new AutoscalingPolicy
        {
            Clusters = clusters,
            Rules = rules,
            IncludeKeda = fields.Flag("includeKeda") ?? defaults.IncludeKeda,
            MaxChangesPerRun = MaxChanges(fields) ?? defaults.MaxChangesPerRun,
        };
    }

    private static int? MaxChanges(MappingFields fields)
    {
        var max = fields.WholeNumber("maxChangesPerRun");
        if (max < 1)
        {
            fields.Errors.Add(fields.Value("maxChangesPerRun")!,
                "'maxChangesPerRun' must be at least 1; to change nothing, keep 'safety.dryRun: true'");
            return null;
        }

        return max;
    }

    // Budget names straight from the tree, so a budget with problems of its own is still a known name here.
    private static HashSet<string> BudgetNames(PolicyNode? budgets) =>
        budgets is PolicySequence sequence
            ? sequence.Items.OfType<PolicyMapping>()
                .Select(m => m.Find("name"))
                .OfType<PolicyScalar>()
                .Select(s => s.Value.Trim())
                .ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
