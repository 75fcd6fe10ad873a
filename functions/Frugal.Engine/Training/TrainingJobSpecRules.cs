using System.Text.RegularExpressions;

namespace Frugal.Engine.Training;

/// <summary>
/// Checks a job spec as Compute and Frugal will need it: every problem at once, each naming its field, so the
/// policy loader, <c>frugal train submit</c> and the HTTP route can all refuse a bad job whole.
/// </summary>
public static partial class TrainingJobSpecRules
{
    /// <summary>The problems with a spec, as (field, message); empty when it is valid.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(TrainingJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<(string, string)>();
        void Add(string field, string message) => problems.Add((field, message));

        if (!JobName().IsMatch(spec.Name))
        {
            Add("name", $"'{spec.Name}' must be 1-40 lower-case letters, digits or '-', starting with a letter");
        }

        if ((spec.Image is null) == (spec.StartupScript is null))
        {
            Add("image", "give either 'image' (a container) or 'startupScript', not both or neither");
        }

        if (spec.Zones.Count == 0)
        {
            Add("zones", "name at least one zone, such as us-central1-a");
        }

        foreach (var zone in spec.Zones.Where(z => !ZoneName().IsMatch(z)))
        {
            Add("zones", $"'{zone}' is not a zone name such as us-central1-a");
        }

        if (spec.Accelerator is { Count: < 1 or > 16 } accelerator)
        {
            Add("accelerator.count", $"must be between 1 and 16, got {accelerator.Count}");
        }

        if (spec.MaxRunTime <= TimeSpan.Zero || spec.MaxRunTime > TimeSpan.FromDays(120))
        {
            Add("maxRunTime", "must be more than zero and at most 120 days");
        }

        if (spec.CheckpointUri.Scheme is not ("gs" or "file"))
        {
            Add("checkpointUri", $"must be a gs:// or file:// URI, got '{spec.CheckpointUri}'");
        }

        if (spec.MaxHourlyPrice is { Amount: <= 0 })
        {
            Add("maxHourlyPrice", "must be more than zero");
        }

        foreach (var key in spec.Labels.Keys.Where(k => !LabelKey().IsMatch(k)))
        {
            Add("labels", $"'{key}' is not a Compute label key (lower-case letters, digits, '-' and '_')");
        }

        return problems;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobName();

    [GeneratedRegex("^[a-z]+-[a-z]+[0-9]+-[a-z]$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneName();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKey();
}
