using System.Globalization;
using Frugal.Engine.Policies.Loading;

namespace Frugal.Engine.Retraining;

/// <summary>Weighs each condition of a rule against the latest signals, collecting triggers and evidence.</summary>
internal sealed class RetrainingConditionCheck(RetrainingInputs inputs)
{
    public List<string> Triggers { get; } = [];

    public List<string> Evidence { get; } = [];

    public void Check()
    {
        var when = inputs.Rule.When;
        if (when.DriftAbove is { } drift)
        {
            Compare(SignalKinds.Drift, drift, above: true, "drift", "threshold");
        }

        foreach (var (metric, floor) in when.MetricBelow)
        {
            Compare(metric, floor, above: false, metric, "floor");
        }

        foreach (var (metric, ceiling) in when.MetricAbove)
        {
            Compare(metric, ceiling, above: true, metric, "ceiling");
        }

        if (when.VersionOlderThan is { } maxAge)
        {
            CheckAge(maxAge);
        }

        if (when.NewDataRowsAtLeast is { } rows)
        {
            Compare(SignalKinds.DataRows, rows, above: null, "new data rows", "minimum");
        }
    }

    /// <summary><paramref name="above"/>: true triggers above the limit, false below, null at or above.</summary>
    private void Compare(string kind, decimal limit, bool? above, string what, string limitName)
    {
        if (Latest(kind, what) is not { } signal)
        {
            return;
        }

        var value = signal.Value;
        var holds = above switch { true => value > limit, false => value < limit, null => value >= limit };
        var relation = above switch
        {
            true => holds ? "above" : "not above",
            false => holds ? "below" : "not below",
            null => holds ? "at least" : "under",
        };
        var line = Format($"{what} {value} {relation} the {limitName} {limit} ({Observed(signal)})");
        Evidence.Add(line);
        if (holds)
        {
            Triggers.Add(Format($"{what} {value} {relation} the {limitName} {limit}"));
        }
    }

    private ModelSignal? Latest(string kind, string what)
    {
        var signal = inputs.LatestSignals.FirstOrDefault(s => s.Kind == kind);
        if (signal is null)
        {
            Evidence.Add($"no {what} signal");
            return null;
        }

        if (inputs.VersionCreated is { } created && signal.ObservedAt < created)
        {
            var made = RetrainingDecider.Stamp(created);
            Evidence.Add(Format(
                $"{what} {signal.Value} ({Observed(signal)}) predates the current version (made {made}): ignored"));
            return null;
        }

        return signal;
    }

    private void CheckAge(TimeSpan maxAge)
    {
        if (inputs.VersionCreated is not { } created)
        {
            Evidence.Add("no version of the model found in the registry: its age is unknown");
            return;
        }

        var age = inputs.Now - created;
        var older = age > maxAge;
        var line = $"current version made {RetrainingDecider.Stamp(created)}, {Days(age)} old, "
            + $"{(older ? "older" : "not older")} than {DurationText.Format(maxAge)}";
        Evidence.Add(line);
        if (older)
        {
            Triggers.Add($"current version {Days(age)} old, older than {DurationText.Format(maxAge)}");
        }
    }

    private static string Observed(ModelSignal signal) =>
        $"observed {RetrainingDecider.Stamp(signal.ObservedAt)} by {signal.Source}";

    private static string Days(TimeSpan age) =>
        string.Create(CultureInfo.InvariantCulture, $"{age.TotalDays:0.#}d");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
