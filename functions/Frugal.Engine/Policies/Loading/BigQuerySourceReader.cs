using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads <c>sources.bigquery</c>. The table name goes into the query text (BigQuery cannot take it as a
/// parameter), so it is held to the characters table names may have and nothing else.
/// </summary>
internal static partial class BigQuerySourceReader
{
    private const long MinimumBytesBilled = 10L * 1000 * 1000;

    private static readonly string[] Keys =
        ["project", "table", "location", "labels", "maximumBytesBilled", "days", "timeoutSeconds"];

    public static BigQueryExportSource? Read(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "bigquery", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var project = Checked(
            fields, fields.Required("project", "'bigquery'"), ProjectId(), "a project id such as ml-billing");
        var table = Checked(fields, fields.Required("table", "'bigquery'"), TableName(),
            "project.dataset.table, e.g. ml-billing.billing.gcp_billing_export_resource_v1_01D4EE_079462_DFD6EC");
        var source = new BigQueryExportSource
        {
            Project = project ?? string.Empty,
            Table = table ?? string.Empty,
            Location = fields.Text("location"),
            Labels = ReadLabels(fields),
            MaximumBytesBilled = ReadBytes(fields),
            Days = Ranged(fields, "days", 1, 400) ?? 62,
            JobTimeout = TimeSpan.FromSeconds(Ranged(fields, "timeoutSeconds", 10, 3600) ?? 120),
        };
        return project is null || table is null ? null : source;
    }

    private static string? Checked(MappingFields fields, PolicyNode? node, Regex rule, string expected)
    {
        var text = node is null ? null : PolicyValues.Text(node, "bigquery", fields.Errors);
        if (text is not null && !rule.IsMatch(text))
        {
            fields.Errors.Add(node!, $"'{text}' is not {expected}");
            return null;
        }

        return text;
    }

    private static IReadOnlyList<string> ReadLabels(MappingFields fields)
    {
        var labels = fields.TextList("labels");
        foreach (var label in labels.Where(l => !LabelKey().IsMatch(l)))
        {
            fields.Errors.Add(fields.Value("labels")!,
                $"label key '{label}' must be lower-case letters, digits, '_' or '-' (at most 63)");
        }

        return labels;
    }

    private static long ReadBytes(MappingFields fields)
    {
        var bytes = fields.Number("maximumBytesBilled");
        if (bytes is null)
        {
            return new BigQueryExportSource { Project = "", Table = "" }.MaximumBytesBilled;
        }

        if (bytes < MinimumBytesBilled || bytes != decimal.Truncate(bytes.Value) || bytes > long.MaxValue)
        {
            fields.Errors.Add(fields.Value("maximumBytesBilled")!,
                "'maximumBytesBilled' must be a whole number of bytes, at least 10000000 " +
                "(BigQuery bills 10 MB at least)");
        }

        return (long)Math.Clamp(decimal.Truncate(bytes.Value), MinimumBytesBilled, long.MaxValue);
    }

    private static int? Ranged(MappingFields fields, string key, int min, int max)
    {
        var value = fields.WholeNumber(key);
        if (value is { } number && (number < min || number > max))
        {
            fields.Errors.Add(fields.Value(key)!, $"'{key}' must be between {min} and {max}, got {value}");
            return null;
        }

        return value;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$|^[a-z0-9.-]+:[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectId();

    [GeneratedRegex(@"^[a-z0-9.:-]{6,}\.[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_]{1,1024}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9_-]{1,63}$")]
    private static partial Regex LabelKey();
}
