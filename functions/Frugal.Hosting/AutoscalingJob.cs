using Frugal.Engine;
using Frugal.Engine.Autoscaling;
using Frugal.Engine.Budgets;
using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting;

/// <summary>
/// The autoscaling reconciler as every host runs it: load the policy, work out which budget caps hold now (reading
/// the cost data only when the policy has caps at all), then plan, apply or restore through the reconciler.
/// </summary>
public sealed class AutoscalingJob(TimeProvider time, IHpaApi api, ILoggerFactory loggers)
{
    public async Task<AutoscalingJobResult> RunAsync(AutoscalingJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        if (policy.Autoscaling.Clusters.Count == 0)
        {
            throw new FrugalInputException(
                $"{request.PolicyPath}: no autoscaling.clusters: Frugal has no cluster to adjust");
        }

        var now = request.At ?? time.GetUtcNow();
        var restoring = request.Mode is AutoscalingMode.Restore or AutoscalingMode.PreviewRestore;
        var budgets = !restoring && ReplicaCaps.AnyDeclared(policy)
            ? await EvaluateAsync(request, policy, now, ct).ConfigureAwait(false)
            : [];
        var caps = ReplicaCaps.InForce(policy, budgets);

        var reconciler = new AutoscalingReconciler(api, loggers.CreateLogger<AutoscalingReconciler>());
        var run = await reconciler.RunAsync(policy, caps, request.Mode, request.Cluster, now, ct).ConfigureAwait(false);
        return new AutoscalingJobResult(policy, budgets, caps, run);
    }

    private async Task<IReadOnlyList<BudgetStatus>> EvaluateAsync(
        AutoscalingJobRequest request, FrugalPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var files = FocusFiles.Resolve(new BudgetJobRequest(request.PolicyPath, request.FocusPaths), policy);
        var options = new FocusReadOptions { Strict = request.Strict, Logger = loggers.CreateLogger("Frugal.Ledger") };
        var ledger = await FocusLedgerReader.ReadAsync(files, options, ct).ConfigureAwait(false);
        return BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger), now);
    }
}

/// <summary>What to reconcile: the policy and mode; optionally one cluster, other cost data, an instant.</summary>
public sealed record AutoscalingJobRequest(
    string PolicyPath,
    AutoscalingMode Mode,
    IReadOnlyList<string>? FocusPaths = null,
    string? Cluster = null,
    DateTimeOffset? At = null,
    bool Strict = false);

/// <summary>The budgets and caps the job saw, and what the reconciler planned and did.</summary>
public sealed record AutoscalingJobResult(
    FrugalPolicy Policy, IReadOnlyList<BudgetStatus> Budgets, IReadOnlyList<ReplicaCap> Caps, AutoscalingRun Run);
