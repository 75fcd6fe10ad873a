namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a budget's <c>external</c> mapping: the cloud budgets whose alerts report its spend.</summary>
internal static class CloudBudgetLinksReader
{
    private const string GcpKey = "gcpBudgetIds";
    private const string AzureKey = "azureBudgetNames";

    public static CloudBudgetLinks Read(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "external", context.Errors) is not { } mapping)
        {
            return CloudBudgetLinks.None;
        }

        var fields = new MappingFields(mapping, context.Errors, GcpKey, AzureKey);
        var links = new CloudBudgetLinks
        {
            GcpBudgetIds = NonBlank(fields, GcpKey),
            AzureBudgetNames = NonBlank(fields, AzureKey),
        };
        if (links.IsEmpty && fields.Mapping.Entries.Count == 0)
        {
            context.Errors.Add(mapping, $"'external' needs '{GcpKey}' or '{AzureKey}'");
        }

        return links;
    }

    private static IReadOnlyList<string> NonBlank(MappingFields fields, string key)
    {
        var values = fields.TextList(key);
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            fields.Errors.Add(fields.Value(key)!, $"'{key}' holds an empty name");
        }

        return [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim())];
    }
}
