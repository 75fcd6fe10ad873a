namespace Frugal.Engine.Autoscaling;

/// <summary>Limits Frugal wants for an autoscaler, and why; equal to the originals when nothing holds it.</summary>
internal sealed record WantedLimits(ReplicaLimits Limits, IReadOnlyList<string> Reasons)
{
    public string Reason => Reasons.Count == 0 ? "original limits" : string.Join("; ", Reasons);
}

/// <summary>
/// The invariants of every limit Frugal sets, applied to the originals: never below 1 or the rule's floor, never
/// above the original unless the rule allows it, and the floor never above the ceiling (a budget cap wins).
/// </summary>
internal static class LimitRules
{
    public static WantedLimits Want(
        ReplicaLimits original, Policies.AutoscalingRule? rule, IReadOnlyList<ReplicaCap> caps, DateTimeOffset now)
    {
        var floor = Math.Max(1, rule?.Floor ?? 1);
        var reasons = new List<string>();
        var min = ScheduledFloor(original, rule, floor, now, reasons);
        var max = CappedCeiling(original, caps, floor, reasons);
        var capped = max < original.Max;
        if (min > max && capped)
        {
            reasons.Add(FormattableString.Invariant($"minReplicas lowered to the capped ceiling {max}"));
            min = max;
        }
        else if (min > max)
        {
            reasons.Add(FormattableString.Invariant($"maxReplicas raised to the scheduled floor {min}"));
            max = min;
        }

        return new WantedLimits(new ReplicaLimits(min, max), reasons);
    }

    private static int ScheduledFloor(
        ReplicaLimits original, Policies.AutoscalingRule? rule, int floor, DateTimeOffset now, List<string> reasons)
    {
        var window = rule?.Schedules.FirstOrDefault(s => ScheduleWindows.IsOpen(s, now));
        if (rule is null || window is null)
        {
            return original.Min;
        }

        var min = Math.Max(window.MinReplicas, floor);
        if (!rule.AllowAboveOriginal)
        {
            min = Math.Min(min, original.Min);
        }

        if (min != original.Min)
        {
            reasons.Add(FormattableString.Invariant(
                $"rule {rule.Name} window {ScheduleWindows.Describe(window)}: minReplicas {min}"));
        }

        return min;
    }

    private static int CappedCeiling(ReplicaLimits original, IReadOnlyList<ReplicaCap> caps, int floor,
        List<string> reasons)
    {
        if (caps.Count == 0)
        {
            return original.Max;
        }

        // The lowest ceiling wins; the floor holds it up, and a cap never raises a ceiling.
        var tightest = caps.MinBy(c => c.CeilingFor(original.Max))!;
        var ceiling = Math.Min(original.Max, Math.Max(tightest.CeilingFor(original.Max), floor));
        if (ceiling < original.Max)
        {
            var held = ceiling > tightest.CeilingFor(original.Max)
                ? FormattableString.Invariant($" (held at the rule's floor {floor})")
                : "";
            reasons.Add(FormattableString.Invariant($"{tightest.Reason}: maxReplicas {ceiling}{held}"));
        }

        return ceiling;
    }
}
