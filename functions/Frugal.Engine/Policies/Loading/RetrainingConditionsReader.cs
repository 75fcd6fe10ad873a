using Frugal.Engine.Retraining;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a retraining rule's <c>when</c>: the conditions, any one of which makes the model due.</summary>
internal static class RetrainingConditionsReader
{
    private static readonly string[] Keys =
        ["driftAbove", "metricBelow", "metricAbove", "versionOlderThan", "newDataRowsAtLeast"];

    public static RetrainingConditions? Read(PolicyNode node, PolicyErrors errors)
    {
        if (PolicyValues.Mapping(node, "when", errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, errors, Keys);
        if (!Keys.Any(k => fields.Value(k) is not null))
        {
            errors.Add(mapping, $"'when' needs at least one condition: {string.Join(", ", Keys)}");
            return null;
        }

        var rows = fields.Number("newDataRowsAtLeast");
        if (rows is not null && (rows < 1 || decimal.Truncate(rows.Value) != rows))
        {
            errors.Add(fields.Value("newDataRowsAtLeast")!, $"'newDataRowsAtLeast' must be a whole number of rows, "
                + $"at least 1; got {rows}");
        }

        return new RetrainingConditions
        {
            DriftAbove = NotNegative(fields, "driftAbove"),
            MetricBelow = Metrics(fields, "metricBelow"),
            MetricAbove = Metrics(fields, "metricAbove"),
            VersionOlderThan = fields.Value("versionOlderThan") is { } age
                ? DurationText.Read(age, "versionOlderThan", errors)
                : null,
            NewDataRowsAtLeast = rows >= 1 ? (long)rows : null,
        };
    }

    private static decimal? NotNegative(MappingFields fields, string key)
    {
        var value = fields.Number(key);
        if (value < 0)
        {
            fields.Errors.Add(fields.Value(key)!, $"'{key}' must be zero or more, got {value}");
            return null;
        }

        return value;
    }

    private static Dictionary<string, decimal> Metrics(MappingFields fields, string key)
    {
        var metrics = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (fields.Value(key) is not { } node || PolicyValues.Mapping(node, key, fields.Errors) is not { } mapping)
        {
            return metrics;
        }

        foreach (var entry in mapping.Entries)
        {
            if (SignalKinds.Metric(entry.Name) is not { } metric)
            {
                fields.Errors.Add(entry.Key, $"'{key}' names '{entry.Name}': {SignalKinds.MetricRule}");
                continue;
            }

            if (PolicyValues.Number(entry.Value, $"{key}.{entry.Name}", fields.Errors) is { } limit
                && !metrics.TryAdd(metric, limit))
            {
                fields.Errors.Add(entry.Key, $"'{key}' names metric '{metric}' twice");
            }
        }

        return metrics;
    }
}
