using Frugal.Engine.Autoscaling;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Autoscaling;

/// <summary>Builds autoscalers and autoscaling policies in code; applies planned changes as a cluster would.</summary>
internal static class Hpas
{
    public static HpaObservation Hpa(
        string name = "llm", int? min = 4, int max = 10, string ns = "serving", string cluster = "gke-prod",
        IReadOnlyDictionary<string, string>? labels = null, IReadOnlyDictionary<string, string>? annotations = null,
        IReadOnlyList<HpaOwner>? owners = null, string resourceVersion = "1") =>
        new()
        {
            Reference = new HpaReference(cluster, ns, name),
            MinReplicas = min,
            MaxReplicas = max,
            Labels = labels ?? new Dictionary<string, string> { ["app"] = name },
            Annotations = annotations ?? new Dictionary<string, string>(),
            Owners = owners ?? [],
            ResourceVersion = resourceVersion,
        };

    public static ReplicaSchedule Nightly(int minReplicas = 1, string zone = "Europe/Berlin") =>
        new()
        {
            TimeZone = zone,
            From = new TimeOnly(20, 0),
            To = new TimeOnly(7, 0),
            MinReplicas = minReplicas,
        };

    public static FrugalPolicy Policy(
        int floor = 1, bool allowAbove = false, int maxChanges = 10, bool includeKeda = false,
        params ReplicaSchedule[] schedules) =>
        new()
        {
            Budgets = [Support.TestPolicies.Budget()],
            Autoscaling = new AutoscalingPolicy
            {
                MaxChangesPerRun = maxChanges,
                IncludeKeda = includeKeda,
                Rules =
                [
                    new AutoscalingRule
                    {
                        Name = "serving",
                        Select = new HpaSelector { Namespaces = ["serving"] },
                        Schedules = schedules,
                        Floor = floor,
                        AllowAboveOriginal = allowAbove,
                    },
                ],
            },
        };

    public static ReplicaCap Cap(int? max = null, decimal? fraction = null, string target = "gke-prod/serving/*") =>
        new(HpaSelector.ParseTarget(target, out _)!, max, fraction, "budget ml-platform reached actual@1");

    /// <summary>The object after a change, as the API server would store it (a merge patch, version bumped).</summary>
    public static HpaObservation Applied(HpaObservation hpa, HpaLimitChange change)
    {
        var annotations = new Dictionary<string, string>(hpa.Annotations);
        foreach (var (key, value) in change.Annotations)
        {
            if (value is null)
            {
                annotations.Remove(key);
            }
            else
            {
                annotations[key] = value;
            }
        }

        var version = int.Parse(hpa.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) + 1;
        return hpa with
        {
            MinReplicas = change.After.Min,
            MaxReplicas = change.After.Max,
            Annotations = annotations,
            ResourceVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
