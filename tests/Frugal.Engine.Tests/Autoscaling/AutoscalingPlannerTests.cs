using Frugal.Engine.Autoscaling;
using static Frugal.Engine.Tests.Autoscaling.Hpas;

namespace Frugal.Engine.Tests.Autoscaling;

public sealed class AutoscalingPlannerTests
{
    // 23:00 in Berlin on a Wednesday: inside the nightly window.
    private static readonly DateTimeOffset Night = new(2026, 11, 18, 22, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_NightWindow_LowersFloorAndRecordsOriginals()
    {
        var change = Decide(Policy(schedules: Nightly(1)), Hpa(min: 4, max: 10), [], Night);

        Assert.Equal(HpaChangeKind.Apply, change.Kind);
        Assert.Equal(new ReplicaLimits(1, 10), change.After);
        Assert.Equal("4", change.Annotations[HpaAnnotations.OriginalMin]);
        Assert.Equal("10", change.Annotations[HpaAnnotations.OriginalMax]);
        Assert.Equal("1", change.Annotations[HpaAnnotations.AppliedMin]);
        Assert.Contains("window daily 20:00-07:00 Europe/Berlin", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WindowClosed_RestoresFromAnnotationsAndRemovesThem()
    {
        var policy = Policy(schedules: Nightly(1));
        var lowered = Applied(Hpa(min: 4, max: 10), Decide(policy, Hpa(min: 4, max: 10), [], Night));

        var change = Decide(policy, lowered, [], Day);

        Assert.Equal(HpaChangeKind.Restore, change.Kind);
        Assert.Equal(new ReplicaLimits(4, 10), change.After);
        Assert.All(HpaAnnotations.All.Where(lowered.Annotations.ContainsKey),
            key => Assert.Null(change.Annotations[key]));
        Assert.Empty(Applied(lowered, change).Annotations);
    }

    [Fact]
    public void Decide_ScheduleAboveOriginalWithoutPermission_NeverRaisesFloor()
    {
        var decision = AutoscalingPlanner.Decide(Policy(schedules: Nightly(6)), Hpa(min: 4), [], Night);

        Assert.Same(HpaDecision.Unchanged, decision);
    }

    [Fact]
    public void Decide_ScheduleAboveCeilingWithPermission_RaisesCeilingToo()
    {
        var change = Decide(Policy(allowAbove: true, schedules: Nightly(12)), Hpa(min: 4, max: 10), [], Night);

        Assert.Equal(new ReplicaLimits(12, 12), change.After);
    }

    [Fact]
    public void Decide_FractionCap_RoundsDownAndLowersFloorBelowIt()
    {
        var change = Decide(Policy(), Hpa(min: 4, max: 7), [Cap(fraction: 0.5m)], Day);

        Assert.Equal(new ReplicaLimits(3, 3), change.After);
        Assert.Contains("minReplicas lowered to the capped ceiling 3", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CapBelowRuleFloor_HeldAtFloor()
    {
        var change = Decide(Policy(floor: 3), Hpa(min: 4, max: 10), [Cap(max: 1)], Day);

        Assert.Equal(new ReplicaLimits(3, 3), change.After);
        Assert.Contains("held at the rule's floor 3", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_CapAboveOriginal_ChangesNothing()
    {
        var decision = AutoscalingPlanner.Decide(Policy(), Hpa(min: 2, max: 5), [Cap(max: 8)], Day);

        Assert.Same(HpaDecision.Unchanged, decision);
    }

    [Fact]
    public void Decide_SeveralCaps_TightestWins()
    {
        var change = Decide(Policy(), Hpa(min: 1, max: 20), [Cap(max: 8), Cap(fraction: 0.25m)], Day);

        Assert.Equal(5, change.After.Max);
    }

    [Fact]
    public void Decide_ExemptionLabel_SkippedWithReason()
    {
        var hpa = Hpa(labels: new Dictionary<string, string> { ["frugal.io/exempt"] = "true" });

        var decision = AutoscalingPlanner.Decide(Policy(), hpa, [Cap(max: 2)], Day);

        Assert.Null(decision.Change);
        Assert.Equal("exempt: it carries frugal.io/exempt", decision.Skip!.Reason);
    }

    [Fact]
    public void Decide_OwnedByKeda_SkippedUnlessIncluded()
    {
        var hpa = Hpa(owners: [new HpaOwner("keda.sh/v1alpha1", "ScaledObject", "llm-so")]);

        var skipped = AutoscalingPlanner.Decide(Policy(), hpa, [Cap(max: 2)], Day);
        var included = AutoscalingPlanner.Decide(Policy(includeKeda: true), hpa, [Cap(max: 2)], Day);

        Assert.Contains("owned by KEDA ScaledObject llm-so", skipped.Skip!.Reason, StringComparison.Ordinal);
        Assert.NotNull(included.Change);
    }

    [Fact]
    public void Decide_OutsideEveryRuleAndCap_OutOfScope()
    {
        var decision = AutoscalingPlanner.Decide(Policy(schedules: Nightly()), Hpa(ns: "batch"), [], Night);

        Assert.Same(HpaDecision.OutOfScope, decision);
    }

    [Fact]
    public void Decide_EditedByHandWhileHeld_LeftAloneThenReleasedKeepingPersonsValues()
    {
        var policy = Policy();
        var original = Hpa(min: 2, max: 10);
        var capped = Applied(original, Decide(policy, original, [Cap(max: 4)], Day));
        var edited = capped with { MaxReplicas = 8, ResourceVersion = "9" };

        var whileCapped = AutoscalingPlanner.Decide(policy, edited, [Cap(max: 4)], Day);
        var afterCap = Decide(policy, edited, [], Day);

        Assert.Null(whileCapped.Change);
        Assert.Contains("edited by hand while Frugal held it (Frugal set min 2, max 4, found min 2, max 8)",
            whileCapped.Skip!.Reason, StringComparison.Ordinal);
        Assert.Equal(HpaChangeKind.Release, afterCap.Kind);
        Assert.Equal(new ReplicaLimits(2, 8), afterCap.After);
        Assert.DoesNotContain(afterCap.Diff(), l => l.StartsWith("spec.", StringComparison.Ordinal));
        Assert.Empty(Applied(edited, afterCap).Annotations);
    }

    [Fact]
    public void Decide_UnreadableAnnotations_SkippedNotGuessed()
    {
        var hpa = Hpa(annotations: new Dictionary<string, string> { [HpaAnnotations.OriginalMax] = "ten" });

        var decision = AutoscalingPlanner.Decide(Policy(), hpa, [Cap(max: 2)], Day);

        Assert.Contains("annotation frugal.io/original-min-replicas is missing", decision.Skip!.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_MoreChangesThanAllowed_LooseningFirstRestDeferred()
    {
        var policy = Policy(maxChanges: 2);
        var heldHpa = Applied(Hpa("a-held"), Decide(policy, Hpa("a-held"), [Cap(max: 2, target: "*/*/a-*")], Day));
        var hpas = new[] { Hpa("b"), Hpa("c"), heldHpa };

        var plan = AutoscalingPlanner.Plan(policy, hpas, [Cap(max: 3, target: "*/*/?")], Day, dryRun: false);

        Assert.Equal(2, plan.Changes.Count);
        Assert.Equal(HpaChangeKind.Restore, plan.Changes[0].Kind);
        Assert.Equal("gke-prod/serving/b", plan.Changes[1].Hpa.ToString());
        Assert.Equal("gke-prod/serving/c", Assert.Single(plan.Deferred).Hpa.ToString());
    }

    [Fact]
    public void PlanRestore_HeldAutoscalers_BackToOriginalsNotLimitedPerRun()
    {
        var policy = Policy(maxChanges: 1);
        var held = new[] { Hpa("a", min: 3, max: 9), Hpa("b", min: 2, max: 6) }
            .Select(h => Applied(h, Decide(policy, h, [Cap(max: 1)], Day)))
            .Append(Hpa("untouched"))
            .ToList();

        var plan = AutoscalingPlanner.PlanRestore(policy, held, Day, dryRun: false);

        Assert.Equal([new ReplicaLimits(3, 9), new ReplicaLimits(2, 6)], plan.Changes.Select(c => c.After));
        Assert.Empty(plan.Deferred);
    }

    [Fact]
    public void Diff_Change_ListsOnlyWhatChangesBeforeAndAfter()
    {
        var change = Decide(Policy(), Hpa(min: 2, max: 10), [Cap(max: 4)], Day);

        Assert.Equal(
            [
                "spec.maxReplicas: 10 -> 4",
                "+ metadata.annotations[frugal.io/applied-max-replicas]: 4",
                "+ metadata.annotations[frugal.io/applied-min-replicas]: 2",
                "+ metadata.annotations[frugal.io/original-max-replicas]: 10",
                "+ metadata.annotations[frugal.io/original-min-replicas]: 2",
                "+ metadata.annotations[frugal.io/reason]: " + change.Annotations[HpaAnnotations.Reason],
            ],
            change.Diff());
    }

    private static HpaLimitChange Decide(
        Engine.Policies.FrugalPolicy policy, HpaObservation hpa, IReadOnlyList<ReplicaCap> caps, DateTimeOffset now)
    {
        var decision = AutoscalingPlanner.Decide(policy, hpa, caps, now);
        Assert.True(decision.Change is not null, decision.Skip?.Reason ?? "no change was planned");
        return decision.Change;
    }
}
