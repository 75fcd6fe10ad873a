using System.Text.RegularExpressions;

namespace Frugal.Engine.Retraining;

/// <summary>
/// What a signal measures: the drift score, the count of new training rows, or a quality metric by its name
/// (<c>auc</c>, <c>accuracy</c>, <c>rmse</c>). Metric names are compared in lower case.
/// </summary>
public static partial class SignalKinds
{
    public const string Drift = "drift";

    public const string DataRows = "dataRows";

    public const string MetricRule = "a metric name is a lower-case letter followed by up to 31 letters, digits, "
        + "'_', '.' or '-', other than 'drift' and 'datarows'";

    /// <summary>The canonical spelling of a kind; null when neither reserved nor a valid metric name.</summary>
    public static string? Normalize(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var trimmed = kind.Trim();
        if (string.Equals(trimmed, Drift, StringComparison.OrdinalIgnoreCase))
        {
            return Drift;
        }

        if (string.Equals(trimmed, DataRows, StringComparison.OrdinalIgnoreCase))
        {
            return DataRows;
        }

        var metric = trimmed.ToLowerInvariant();
        return MetricName().IsMatch(metric) ? metric : null;
    }

    /// <summary>A valid metric name (not a reserved kind), in lower case; null otherwise.</summary>
    public static string? Metric(string name) =>
        Normalize(name) is { } kind && kind is not Drift and not DataRows ? kind : null;

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();
}
