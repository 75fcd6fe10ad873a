using Frugal.Engine.Policies;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// Decides each autoscaler's limits from the policy, the caps in force and the time. A level-triggered reconciler:
/// the wanted limits are worked out afresh on every run from the originals recorded on the object, so a schedule
/// window that closes or a cap that no longer holds simply stops being wanted, and the original comes back.
/// Pure: no I/O, no clock.
/// </summary>
public static class AutoscalingPlanner
{
    public static AutoscalingPlan Plan(
        FrugalPolicy policy, IReadOnlyList<HpaObservation> hpas, IReadOnlyList<ReplicaCap> caps,
        DateTimeOffset now, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hpas);
        var decisions = hpas.Select(h => Decide(policy, h, caps, now)).ToList();
        return Assemble(decisions, now, dryRun, policy.Autoscaling.MaxChangesPerRun);
    }

    /// <summary>Puts every autoscaler Frugal changed back to its recorded originals; removes its annotations.</summary>
    public static AutoscalingPlan PlanRestore(
        FrugalPolicy policy, IReadOnlyList<HpaObservation> hpas, DateTimeOffset now, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hpas);
        var decisions = hpas.Select(h => DecideRestore(policy, h)).ToList();
        return Assemble(decisions, now, dryRun, int.MaxValue);
    }

    /// <summary>The decision for one autoscaler; also used again on a fresh read after a conflict.</summary>
    public static HpaDecision Decide(
        FrugalPolicy policy, HpaObservation hpa, IReadOnlyList<ReplicaCap> caps, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hpa);
        ArgumentNullException.ThrowIfNull(caps);
        var rule = policy.Autoscaling.Rules.FirstOrDefault(r => r.Select.Matches(hpa.Reference, hpa.Labels));
        var applicable = caps.Where(c => c.Rule is null
            ? c.Target.Matches(hpa.Reference, hpa.Labels)
            : c.Rule == rule?.Name).ToList();
        var managed = HpaAnnotations.AnyPresent(hpa.Annotations);
        if (rule is null && applicable.Count == 0 && !managed)
        {
            return HpaDecision.OutOfScope;
        }

        if (HpaGuards.Refusal(policy, hpa, managed) is { } refusal)
        {
            return Skip(hpa, refusal);
        }

        if (!managed)
        {
            var wanted = LimitRules.Want(hpa.Limits, rule, applicable, now);
            return wanted.Limits == hpa.Limits ? HpaDecision.Unchanged : HpaChanges.FirstApply(hpa, wanted);
        }

        return DecideManaged(hpa, rule, applicable, now);
    }

    /// <summary>The restore decision for one autoscaler.</summary>
    public static HpaDecision DecideRestore(FrugalPolicy policy, HpaObservation hpa)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(hpa);
        if (!HpaAnnotations.AnyPresent(hpa.Annotations))
        {
            return HpaDecision.OutOfScope;
        }

        if (HpaGuards.Exemption(policy, hpa) is { } exempt)
        {
            return Skip(hpa, exempt + "; " + HpaGuards.StillHeld(hpa));
        }

        var originals = HpaAnnotations.Read(
            hpa.Annotations, HpaAnnotations.OriginalMin, HpaAnnotations.OriginalMax, out var problem);
        return originals is { } limits
            ? HpaChanges.Restore(hpa, limits, "restore requested: back to the original limits")
            : Skip(hpa, $"Frugal's annotations cannot be read ({problem}); set its limits and remove them by hand");
    }

    private static HpaDecision DecideManaged(
        HpaObservation hpa, AutoscalingRule? rule, IReadOnlyList<ReplicaCap> caps, DateTimeOffset now)
    {
        var originals = HpaAnnotations.Read(
            hpa.Annotations, HpaAnnotations.OriginalMin, HpaAnnotations.OriginalMax, out var problem);
        var applied = HpaAnnotations.Read(
            hpa.Annotations, HpaAnnotations.AppliedMin, HpaAnnotations.AppliedMax, out var appliedProblem);
        if (originals is not { } original || applied is not { } set)
        {
            return Skip(hpa, $"Frugal's annotations cannot be read ({(originals is null ? problem : appliedProblem)});"
                + " set its limits and remove them by hand");
        }

        var wanted = LimitRules.Want(original, rule, caps, now);
        if (hpa.Limits != set)
        {
            return EditedByHand(hpa, original, set, wanted);
        }

        if (wanted.Limits == original)
        {
            return HpaChanges.Restore(hpa, original,
                "no schedule window or budget cap holds it any more: back to the original limits");
        }

        return wanted.Limits == hpa.Limits ? HpaDecision.Unchanged : HpaChanges.Update(hpa, wanted);
    }

    // A person changed the limits while Frugal held them. Their values win: Frugal does not overwrite them while
    // its reason lasts, and when the reason ends it lets go without restoring, keeping what the person set.
    private static HpaDecision EditedByHand(
        HpaObservation hpa, ReplicaLimits original, ReplicaLimits applied, WantedLimits wanted)
    {
        var what = $"edited by hand while Frugal held it (Frugal set {applied}, found {hpa.Limits})";
        return wanted.Limits == original
            ? HpaChanges.Release(hpa, $"{what}; Frugal's reason has ended, so it lets go and keeps the person's values")
            : Skip(hpa, $"{what}; left as the person set it while this holds: {wanted.Reason}; "
                + "Frugal lets go without restoring when it ends");
    }

    private static HpaDecision Skip(HpaObservation hpa, string reason) =>
        new(null, new HpaSkip(hpa.Reference, reason), true);

    private static AutoscalingPlan Assemble(
        IReadOnlyList<HpaDecision> decisions, DateTimeOffset now, bool dryRun, int maxChanges)
    {
        // Giving capacity back goes first, so that a full run never holds a restore behind a new cap.
        var changes = decisions.Select(d => d.Change).OfType<HpaLimitChange>()
            .OrderBy(c => c.Loosens ? 0 : 1)
            .ThenBy(c => c.Hpa.ToString(), StringComparer.Ordinal)
            .ToList();
        return new AutoscalingPlan
        {
            CreatedAt = now,
            DryRun = dryRun,
            Changes = changes.Take(maxChanges).ToList(),
            Deferred = changes.Skip(maxChanges).ToList(),
            Skipped = [.. decisions.Select(d => d.Skip).OfType<HpaSkip>()
                .OrderBy(s => s.Hpa.ToString(), StringComparer.Ordinal)],
            Unchanged = decisions.Count(d => d.InScope && d.Change is null && d.Skip is null),
        };
    }
}
