namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads a rule's <c>budgetCaps</c>: a budget, the level of spend (or forecast) at which the cap holds, and the
/// ceiling as a replica count or a fraction of the original.
/// </summary>
internal static class BudgetReplicaCapsReader
{
    private static readonly string[] Keys = ["budget", "at", "on", "maxReplicas", "maxReplicasFraction"];

    private static readonly Dictionary<string, SpendBasis> Bases = new(StringComparer.Ordinal)
    {
        ["actual"] = SpendBasis.Actual,
        ["forecast"] = SpendBasis.Forecast,
    };

    public static IReadOnlyList<BudgetReplicaCap> Read(
        PolicyNode? node, IReadOnlySet<string> budgets, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "budgetCaps", context.Errors);
        return [.. items.Select(item => ReadOne(item, budgets, context)).OfType<BudgetReplicaCap>()];
    }

    private static BudgetReplicaCap? ReadOne(PolicyNode item, IReadOnlySet<string> budgets, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "budgetCaps", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var budget = ReadBudget(fields, budgets);
        var at = ReadAt(fields);
        var basis = fields.Choice("on", Bases) ?? SpendBasis.Actual;
        var max = fields.WholeNumber("maxReplicas");
        var fraction = fields.Number("maxReplicasFraction");
        CheckCeiling(fields, max, fraction);
        return budget is null || at is null
            ? null
            : new BudgetReplicaCap
            {
                Budget = budget,
                At = at.Value,
                On = basis,
                MaxReplicas = max,
                MaxReplicasFraction = fraction,
            };
    }

    private static string? ReadBudget(MappingFields fields, IReadOnlySet<string> budgets)
    {
        var node = fields.Required("budget", "a budget cap");
        var name = node is null ? null : PolicyValues.Text(node, "budget", fields.Errors);
        if (name is not null && !budgets.Contains(name))
        {
            fields.Errors.Add(node!, NearestName.Unknown("budget", name, [.. budgets]));
            return null;
        }

        return name;
    }

    private static decimal? ReadAt(MappingFields fields)
    {
        var node = fields.Required("at", "a budget cap");
        var at = node is null ? null : PolicyValues.Number(node, "at", fields.Errors);
        if (at is <= 0m or > 10m)
        {
            fields.Errors.Add(node!, "'at' must be greater than 0 and at most 10 (a fraction of the budget's "
                + $"amount: 1.0 is 100 %), got {((PolicyScalar)node!).Value}");
            return null;
        }

        return at;
    }

    private static void CheckCeiling(MappingFields fields, int? max, decimal? fraction)
    {
        if (max < 1)
        {
            fields.Errors.Add(fields.Value("maxReplicas")!, "'maxReplicas' must be at least 1");
        }

        if (fraction is <= 0m or > 1m)
        {
            fields.Errors.Add(fields.Value("maxReplicasFraction")!,
                "'maxReplicasFraction' must be greater than 0 and at most 1");
        }

        if (fields.Has("maxReplicas") == fields.Has("maxReplicasFraction"))
        {
            fields.Errors.Add(fields.Mapping,
                "a budget cap needs exactly one of 'maxReplicas' (a replica count) or 'maxReplicasFraction' "
                + "(a fraction of the original ceiling)");
        }
    }
}
