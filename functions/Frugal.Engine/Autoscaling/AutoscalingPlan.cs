namespace Frugal.Engine.Autoscaling;

/// <summary>
/// What the autoscaling reconciler means to do now: the patches for this run (loosening ones first), the ones
/// left for the next run by <c>maxChangesPerRun</c>, and the autoscalers it leaves alone with the reason.
/// </summary>
public sealed record AutoscalingPlan
{
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when the changes are only shown: the policy is in dry-run, or only a plan was asked.</summary>
    public required bool DryRun { get; init; }

    public required IReadOnlyList<HpaLimitChange> Changes { get; init; }

    /// <summary>Changes over the per-run limit: the next run makes them, if they are still wanted then.</summary>
    public IReadOnlyList<HpaLimitChange> Deferred { get; init; } = [];

    public IReadOnlyList<HpaSkip> Skipped { get; init; } = [];

    /// <summary>Autoscalers in scope whose limits are already what they should be.</summary>
    public int Unchanged { get; init; }
}

/// <summary>The decision for one autoscaler: a change, a reason to leave it alone, or nothing to do.</summary>
public sealed record HpaDecision(HpaLimitChange? Change, HpaSkip? Skip, bool InScope)
{
    public static HpaDecision OutOfScope { get; } = new(null, null, false);

    public static HpaDecision Unchanged { get; } = new(null, null, true);
}
