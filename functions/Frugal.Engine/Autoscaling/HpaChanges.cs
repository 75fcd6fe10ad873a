namespace Frugal.Engine.Autoscaling;

/// <summary>Builds the patches of each kind, with the annotations that keep a restore exact.</summary>
internal static class HpaChanges
{
    /// <summary>The first change to an autoscaler: its current limits are recorded as the originals.</summary>
    public static HpaDecision FirstApply(HpaObservation hpa, WantedLimits wanted)
    {
        var annotations = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [HpaAnnotations.OriginalMin] = HpaAnnotations.Format(hpa.Limits.Min),
            [HpaAnnotations.OriginalMax] = HpaAnnotations.Format(hpa.Limits.Max),
        };
        return Change(hpa, HpaChangeKind.Apply, wanted.Limits, Applied(hpa, wanted, annotations), wanted.Reason);
    }

    /// <summary>A later change while Frugal already holds the autoscaler: the originals stay as recorded.</summary>
    public static HpaDecision Update(HpaObservation hpa, WantedLimits wanted) =>
        Change(hpa, HpaChangeKind.Apply, wanted.Limits,
            Applied(hpa, wanted, new Dictionary<string, string?>(StringComparer.Ordinal)), wanted.Reason);

    public static HpaDecision Restore(HpaObservation hpa, ReplicaLimits original, string reason) =>
        Change(hpa, HpaChangeKind.Restore, original, Removed(hpa), reason);

    public static HpaDecision Release(HpaObservation hpa, string reason) =>
        Change(hpa, HpaChangeKind.Release, hpa.Limits, Removed(hpa), reason);

    private static Dictionary<string, string?> Applied(
        HpaObservation hpa, WantedLimits wanted, Dictionary<string, string?> annotations)
    {
        annotations[HpaAnnotations.AppliedMin] = HpaAnnotations.Format(wanted.Limits.Min);
        annotations[HpaAnnotations.AppliedMax] = HpaAnnotations.Format(wanted.Limits.Max);
        annotations[HpaAnnotations.Reason] = wanted.Reason;

        // Only annotations whose value differs go into the patch.
        foreach (var (key, value) in annotations.ToList())
        {
            if (hpa.Annotations.TryGetValue(key, out var current) && current == value)
            {
                annotations.Remove(key);
            }
        }

        return annotations;
    }

    private static Dictionary<string, string?> Removed(HpaObservation hpa) =>
        HpaAnnotations.All.Where(hpa.Annotations.ContainsKey)
            .ToDictionary(key => key, _ => (string?)null, StringComparer.Ordinal);

    private static HpaDecision Change(HpaObservation hpa, HpaChangeKind kind, ReplicaLimits after,
        IReadOnlyDictionary<string, string?> annotations, string reason) =>
        new(new HpaLimitChange
        {
            Hpa = hpa.Reference,
            Kind = kind,
            ResourceVersion = hpa.ResourceVersion,
            Before = hpa.Limits,
            After = after,
            Annotations = annotations,
            Reason = reason,
        }, null, true);
}
