using Frugal.Engine.Autoscaling;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>autoscaling.rules</c>: which autoscalers each rule selects and what it does to them.</summary>
internal static class AutoscalingRulesReader
{
    private static readonly string[] Keys =
        ["name", "select", "schedules", "budgetCaps", "floor", "allowAboveOriginal"];

    private static readonly string[] SelectKeys = ["clusters", "namespaces", "names", "labelSelector"];

    public static IReadOnlyList<AutoscalingRule> Read(
        PolicyNode? node, IReadOnlyList<string> clusters, IReadOnlySet<string> budgets, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "rules", context.Errors);
        UniqueNames.Check(items, "rule", context.Errors);
        return [.. items.Select(item => ReadOne(item, clusters, budgets, context)).OfType<AutoscalingRule>()];
    }

    private static AutoscalingRule? ReadOne(
        PolicyNode item, IReadOnlyList<string> clusters, IReadOnlySet<string> budgets, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "rules", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var name = ReadName(fields);
        var floor = ReadFloor(fields);
        var select = ReadSelect(fields.Value("select"), clusters, context);
        var schedules = ReplicaSchedulesReader.Read(fields.Value("schedules"), floor ?? 1, context);
        var caps = BudgetReplicaCapsReader.Read(fields.Value("budgetCaps"), budgets, context);
        if (!fields.Has("schedules") && !fields.Has("budgetCaps"))
        {
            fields.Errors.Add(mapping, $"rule '{name}' needs 'schedules' or 'budgetCaps': otherwise it does nothing");
        }

        return name is null
            ? null
            : new AutoscalingRule
            {
                Name = name,
                Select = select,
                Schedules = schedules,
                BudgetCaps = caps,
                Floor = floor ?? 1,
                AllowAboveOriginal = fields.Flag("allowAboveOriginal") ?? false,
            };
    }

    private static string? ReadName(MappingFields fields)
    {
        var node = fields.Required("name", "a rule");
        var name = node is null ? null : PolicyValues.Text(node, "name", fields.Errors);
        if (name is not null && !PolicyNames.IsValid(name))
        {
            fields.Errors.Add(node!, $"rule name '{name}' {PolicyNames.Rule}");
            return null;
        }

        return name;
    }

    private static int? ReadFloor(MappingFields fields)
    {
        var floor = fields.WholeNumber("floor");
        if (floor < 1)
        {
            fields.Errors.Add(fields.Value("floor")!, "'floor' must be at least 1: an autoscaler keeps one replica");
            return null;
        }

        return floor;
    }

    private static HpaSelector ReadSelect(PolicyNode? node, IReadOnlyList<string> clusters, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "select", context.Errors) is not { } mapping)
        {
            return HpaSelector.All;
        }

        var fields = new MappingFields(mapping, context.Errors, SelectKeys);
        return new HpaSelector
        {
            Clusters = ReadClusters(fields, clusters),
            Namespaces = fields.TextList("namespaces"),
            Names = fields.TextList("names"),
            Labels = ReadLabels(fields),
        };
    }

    private static IReadOnlyList<string> ReadClusters(MappingFields fields, IReadOnlyList<string> declared)
    {
        if (fields.Value("clusters") is not { } node)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var (at, text) in PolicyValues.TextItems(node, "clusters", fields.Errors))
        {
            var match = declared.FirstOrDefault(d => string.Equals(d, text, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                fields.Errors.Add(at, declared.Count == 0
                    ? $"cluster '{text}' is not declared: list it under autoscaling.clusters"
                    : NearestName.Unknown("cluster", text, [.. declared]));
                continue;
            }

            names.Add(match);
        }

        return names;
    }

    private static LabelSelector? ReadLabels(MappingFields fields)
    {
        if (fields.Text("labelSelector") is not { } text)
        {
            return null;
        }

        var selector = LabelSelector.Parse(text, out var problem);
        if (selector is null)
        {
            fields.Errors.Add(fields.Value("labelSelector")!, $"'labelSelector': {problem}");
        }

        return selector;
    }
}
