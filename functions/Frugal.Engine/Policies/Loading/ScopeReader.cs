namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a budget's <c>scope</c>: lists of accepted values per FOCUS dimension, and tags.</summary>
internal static class ScopeReader
{
    private static readonly string[] Keys =
        ["providers", "billingAccounts", "subAccounts", "services", "regions", "tags"];

    /// <summary>An absent or empty scope counts all spend in the cost data.</summary>
    public static BudgetScope Read(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "scope", context.Errors) is not { } mapping)
        {
            return BudgetScope.Everything;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        return new BudgetScope
        {
            Providers = fields.TextList("providers"),
            BillingAccounts = fields.TextList("billingAccounts"),
            SubAccounts = fields.TextList("subAccounts"),
            Services = fields.TextList("services"),
            Regions = fields.TextList("regions"),
            Tags = ReadTags(fields.Value("tags"), context.Errors),
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadTags(PolicyNode? node, PolicyErrors errors)
    {
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null || PolicyValues.Mapping(node, "tags", errors) is not { } mapping)
        {
            return tags;
        }

        // Tag keys are the user's own, so any key is allowed; an empty value list means "present, any value".
        foreach (var entry in mapping.Entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                errors.Add(entry.Key, "a tag key must not be empty");
                continue;
            }

            tags[entry.Name] = PolicyValues.TextList(entry.Value, $"tags.{entry.Name}", errors);
        }

        return tags;
    }
}
