using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Autoscaling;

/// <summary>What the reconciler is asked to do.</summary>
public enum AutoscalingMode
{
    /// <summary>Show the changes; make none.</summary>
    Plan,

    /// <summary>Make the changes, unless the policy is in dry-run.</summary>
    Apply,

    /// <summary>Show what a restore would do; change nothing.</summary>
    PreviewRestore,

    /// <summary>Put every autoscaler Frugal changed back to its recorded original, dry-run or not.</summary>
    Restore,
}

/// <summary>
/// Reads the autoscalers of every cluster the policy names, plans, and (when asked and not in dry-run) patches
/// them. A patch refused as stale (409) is not retried blindly: the autoscaler is read again and the decision is
/// made again on what is there now, up to <see cref="MaxConflictRetries"/> times.
/// </summary>
public sealed partial class AutoscalingReconciler(IHpaApi api, ILogger<AutoscalingReconciler> logger)
{
    public const int MaxConflictRetries = 3;

    public async Task<AutoscalingRun> RunAsync(
        FrugalPolicy policy, IReadOnlyList<ReplicaCap> caps, AutoscalingMode mode, string? cluster,
        DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(caps);
        var clusters = Clusters(policy, cluster);
        var (hpas, problems) = await ObserveAsync(policy, caps, clusters, ct).ConfigureAwait(false);

        var restore = mode is AutoscalingMode.Restore or AutoscalingMode.PreviewRestore;
        var dryRun = mode is AutoscalingMode.Plan or AutoscalingMode.PreviewRestore
            || (mode == AutoscalingMode.Apply && policy.Safety.DryRun);
        var plan = restore
            ? AutoscalingPlanner.PlanRestore(policy, hpas, now, dryRun)
            : AutoscalingPlanner.Plan(policy, hpas, caps, now, dryRun);
        LogPlanned(plan.Changes.Count, plan.Deferred.Count, plan.Skipped.Count, dryRun);
        if (dryRun)
        {
            return new AutoscalingRun(plan, [], problems);
        }

        Func<HpaObservation, HpaDecision> decide = restore
            ? h => AutoscalingPlanner.DecideRestore(policy, h)
            : h => AutoscalingPlanner.Decide(policy, h, caps, now);
        var outcomes = new List<HpaChangeOutcome>();
        foreach (var change in plan.Changes)
        {
            var target = clusters.First(c => c.Name == change.Hpa.Cluster);
            outcomes.Add(await TryCarryOutAsync(target, change, decide, ct).ConfigureAwait(false));
        }

        return new AutoscalingRun(plan, outcomes, problems);
    }

    private static IReadOnlyList<KubernetesClusterPolicy> Clusters(FrugalPolicy policy, string? only)
    {
        var clusters = policy.Autoscaling.Clusters;
        if (only is null)
        {
            return clusters;
        }

        var match = clusters.Where(c => string.Equals(c.Name, only, StringComparison.OrdinalIgnoreCase)).ToList();
        return match.Count > 0
            ? match
            : throw new FrugalInputException($"--cluster: '{only}' is not one of autoscaling.clusters "
                + $"({string.Join(", ", clusters.Select(c => c.Name))})");
    }

    private async Task<(List<HpaObservation> Hpas, List<string> Problems)> ObserveAsync(
        FrugalPolicy policy, IReadOnlyList<ReplicaCap> caps, IReadOnlyList<KubernetesClusterPolicy> clusters,
        CancellationToken ct)
    {
        var hpas = new List<HpaObservation>();
        var problems = new List<string>();
        foreach (var cluster in clusters)
        {
            var listing = await api.ListAsync(cluster, ListingScope.Namespaces(policy, caps, cluster.Name), ct)
                .ConfigureAwait(false);
            hpas.AddRange(listing.Items);
            foreach (var problem in listing.Problems)
            {
                LogClusterProblem(cluster.Name, problem);
                problems.Add($"{cluster.Name}: {problem}");
            }
        }

        return (hpas, problems);
    }

    // One autoscaler's failure (a read that fails after a conflict, say) must not stop the others.
    private async Task<HpaChangeOutcome> TryCarryOutAsync(
        KubernetesClusterPolicy cluster, HpaLimitChange change, Func<HpaObservation, HpaDecision> decide,
        CancellationToken ct)
    {
        try
        {
            return await CarryOutAsync(cluster, change, decide, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogChangeFailed(ex, change.Hpa.ToString());
            return new HpaChangeOutcome(change, HpaPatchStatus.Failed, ex.Message, 0);
        }
    }

    private async Task<HpaChangeOutcome> CarryOutAsync(
        KubernetesClusterPolicy cluster, HpaLimitChange planned, Func<HpaObservation, HpaDecision> decide,
        CancellationToken ct)
    {
        var change = planned;
        for (var attempt = 0; ; attempt++)
        {
            var result = await api.PatchAsync(cluster, change, ct).ConfigureAwait(false);
            if (result.Status != HpaPatchStatus.Conflict || attempt == MaxConflictRetries)
            {
                LogPatched(change.Hpa.ToString(), change.Kind.ToString(), change.Before.ToString(),
                    change.After.ToString(), result.Status.ToString(), result.Detail);
                return new HpaChangeOutcome(change, result.Status, result.Detail, attempt);
            }

            LogConflict(change.Hpa.ToString(), attempt + 1);
            var fresh = await api.ReadAsync(cluster, change.Hpa, ct).ConfigureAwait(false);
            var decision = fresh is null ? null : decide(fresh);
            if (decision?.Change is not { } next)
            {
                var why = fresh is null ? "deleted meanwhile" : decision?.Skip?.Reason ?? "already as wanted";
                return new HpaChangeOutcome(
                    change, HpaPatchStatus.Conflict, $"changed meanwhile; on a fresh read: {why}", attempt + 1)
                {
                    Superseded = true,
                };
            }

            change = next;
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Autoscaling plan: {Changes} changes, {Deferred} deferred, {Skipped} left alone (dry run: {DryRun})")]
    private partial void LogPlanned(int changes, int deferred, int skipped, bool dryRun);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information,
        Message = "Autoscaler {Hpa} {Kind}: {Before} -> {After}: {Status} ({Detail})")]
    private partial void LogPatched(string hpa, string kind, string before, string after, string status, string detail);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning,
        Message = "Autoscaler {Hpa} changed since it was read; reading it again (attempt {Attempt})")]
    private partial void LogConflict(string hpa, int attempt);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Cluster {Cluster}: {Problem}")]
    private partial void LogClusterProblem(string cluster, string problem);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Changing autoscaler {Hpa} failed")]
    private partial void LogChangeFailed(Exception exception, string hpa);
}

/// <summary>What one reconciler run planned, did, and could not see.</summary>
public sealed record AutoscalingRun(
    AutoscalingPlan Plan, IReadOnlyList<HpaChangeOutcome> Outcomes, IReadOnlyList<string> Problems)
{
    public bool AnyFailed => Problems.Count > 0 || Outcomes.Any(o => !o.Succeeded);
}

/// <summary>One change carried out (or refused), after <see cref="Attempts"/> conflicts.</summary>
public sealed record HpaChangeOutcome(HpaLimitChange Change, HpaPatchStatus Status, string Detail, int Attempts)
{
    /// <summary>The object changed meanwhile and, read afresh, needed no change (or must be left alone).</summary>
    public bool Superseded { get; init; }

    public bool Succeeded => Status == HpaPatchStatus.Patched || Superseded;
}
