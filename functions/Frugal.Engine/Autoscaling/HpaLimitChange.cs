using System.Globalization;

namespace Frugal.Engine.Autoscaling;

/// <summary>What a change does to an autoscaler.</summary>
public enum HpaChangeKind
{
    /// <summary>Sets Frugal's limits, recording the originals first if they are not recorded yet.</summary>
    Apply,

    /// <summary>Puts the recorded originals back and removes Frugal's annotations.</summary>
    Restore,

    /// <summary>
    /// Lets go of an autoscaler a person edited while Frugal held it: removes Frugal's annotations and keeps the
    /// person's values.
    /// </summary>
    Release,
}

/// <summary>
/// One merge patch to one autoscaler: its limits before and after, the annotations it sets (a null value removes
/// one) and why. Made against <see cref="ResourceVersion"/>: if the object changed since, the patch is refused.
/// </summary>
public sealed record HpaLimitChange
{
    public required HpaReference Hpa { get; init; }

    public required HpaChangeKind Kind { get; init; }

    public required string ResourceVersion { get; init; }

    public required ReplicaLimits Before { get; init; }

    public required ReplicaLimits After { get; init; }

    public required IReadOnlyDictionary<string, string?> Annotations { get; init; }

    /// <summary>One line a person reads: why these limits.</summary>
    public required string Reason { get; init; }

    /// <summary>True when the change gives capacity back (a higher floor or ceiling, or a restore).</summary>
    public bool Loosens => Kind != HpaChangeKind.Apply || After.Max > Before.Max || After.Min > Before.Min;

    /// <summary>The before/after lines of a dry-run diff: only what changes is listed.</summary>
    public IReadOnlyList<string> Diff()
    {
        var lines = new List<string>();
        if (Before.Min != After.Min)
        {
            lines.Add(Invariant($"spec.minReplicas: {Before.Min} -> {After.Min}"));
        }

        if (Before.Max != After.Max)
        {
            lines.Add(Invariant($"spec.maxReplicas: {Before.Max} -> {After.Max}"));
        }

        foreach (var (key, value) in Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            lines.Add(value is null ? $"- metadata.annotations[{key}]" : $"+ metadata.annotations[{key}]: {value}");
        }

        return lines;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>An autoscaler a rule or cap selected but Frugal leaves alone, and why.</summary>
public sealed record HpaSkip(HpaReference Hpa, string Reason);
