namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads the <c>sources</c> and <c>state</c> sections. Relative paths are resolved here, against the policy
/// file's folder, so the policy holds absolute paths and no caller needs to know where the file was.
/// </summary>
internal static class SourcesReader
{
    public static SourcesPolicy ReadSources(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "sources", context.Errors) is not { } mapping)
        {
            return new SourcesPolicy();
        }

        var fields = new MappingFields(mapping, context.Errors, "focus", "bigquery", "azureBlob");
        return new SourcesPolicy
        {
            Focus = [.. fields.TextList("focus").Select(context.ResolvePath)],
            BigQuery = BigQuerySourceReader.Read(fields.Value("bigquery"), context),
            AzureBlob = AzureBlobSourceReader.Read(fields.Value("azureBlob"), context),
        };
    }

    public static StatePolicy ReadState(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "state", context.Errors) is not { } mapping)
        {
            return new StatePolicy();
        }

        var fields = new MappingFields(mapping, context.Errors, "path");
        return new StatePolicy { Path = fields.Text("path") is { } path ? context.ResolvePath(path) : null };
    }
}
