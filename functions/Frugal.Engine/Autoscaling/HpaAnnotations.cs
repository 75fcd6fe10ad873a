using System.Globalization;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// The annotations Frugal keeps on an autoscaler it has changed. The originals are written in the same merge patch
/// as the first change (so no changed object ever lacks them), and they are the only memory a restore needs:
/// it is exact after a restart, and a person can read or undo it with kubectl.
/// </summary>
public static class HpaAnnotations
{
    public const string Prefix = "frugal.io/";

    /// <summary><c>spec.minReplicas</c> before Frugal first changed the autoscaler.</summary>
    public const string OriginalMin = Prefix + "original-min-replicas";

    /// <summary><c>spec.maxReplicas</c> before Frugal first changed the autoscaler.</summary>
    public const string OriginalMax = Prefix + "original-max-replicas";

    /// <summary>The floor Frugal last set: a different value found later means a person changed it.</summary>
    public const string AppliedMin = Prefix + "applied-min-replicas";

    /// <summary>The ceiling Frugal last set.</summary>
    public const string AppliedMax = Prefix + "applied-max-replicas";

    /// <summary>Why Frugal holds the values it set, for a person running <c>kubectl describe</c>.</summary>
    public const string Reason = Prefix + "reason";

    public static IReadOnlyList<string> All { get; } = [OriginalMin, OriginalMax, AppliedMin, AppliedMax, Reason];

    /// <summary>True when the autoscaler carries any of Frugal's annotations.</summary>
    public static bool AnyPresent(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return All.Any(annotations.ContainsKey);
    }

    /// <summary>Reads a pair of limits, or null with what is missing or unreadable.</summary>
    public static ReplicaLimits? Read(
        IReadOnlyDictionary<string, string> annotations, string minKey, string maxKey, out string problem)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        problem = "";
        if (Count(annotations, minKey, ref problem) is { } min && Count(annotations, maxKey, ref problem) is { } max)
        {
            if (min <= max)
            {
                return new ReplicaLimits(min, max);
            }

            problem = $"{minKey} ({min}) is above {maxKey} ({max})";
        }

        return null;
    }

    public static string Format(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static int? Count(IReadOnlyDictionary<string, string> annotations, string key, ref string problem)
    {
        if (!annotations.TryGetValue(key, out var text))
        {
            problem = $"annotation {key} is missing";
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
        {
            return count;
        }

        problem = $"annotation {key} is '{text}', not a replica count";
        return null;
    }
}
