using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>sources.azureBlob</c>: the connection string is a secret, so only a reference will do.</summary>
internal static partial class AzureBlobSourceReader
{
    public static AzureBlobExportSource? Read(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "azureBlob", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, "connection", "container", "prefix");
        var connectionNode = fields.Required("connection", "'azureBlob'");
        var connection = connectionNode is null
            ? null
            : PolicyValues.Text(connectionNode, "connection", context.Errors);
        if (connection is not null && !SecretReference.IsReference(connection))
        {
            context.Errors.Add(
                connectionNode!, SecretReference.LiteralMessage("connection", "FRUGAL_EXPORTS_CONNECTION"));
            connection = null;
        }

        var containerNode = fields.Required("container", "'azureBlob'");
        var container = containerNode is null ? null : PolicyValues.Text(containerNode, "container", context.Errors);
        if (container is not null && !ContainerName().IsMatch(container))
        {
            context.Errors.Add(containerNode!,
                $"container '{container}' must be 3 to 63 lower-case letters, digits and single hyphens");
            container = null;
        }

        return connection is null || container is null
            ? null
            : new AzureBlobExportSource
            {
                Connection = connection,
                Container = container,
                Prefix = fields.Text("prefix") ?? string.Empty,
            };
    }

    [GeneratedRegex("^(?!-)(?!.*--)[a-z0-9-]{3,63}(?<!-)$")]
    private static partial Regex ContainerName();
}
