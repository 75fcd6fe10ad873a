using System.Collections.Concurrent;
using Frugal.Engine;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using Frugal.Engine.Retraining;
using Frugal.Hosting.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.Retraining;

/// <summary>
/// Retraining as every host runs it: load the policy, open the state, take in posted signals and evaluate the
/// model at once, evaluate every rule on a schedule, or list the decisions. The training queue is an
/// <see cref="IRetrainingLauncher"/> the host registered itself, else the one the last
/// <see cref="IRetrainingLauncherSource"/> builds for the evaluation's policy and state (the Spot training queue);
/// with neither, due retrainings are recorded as wanted.
/// </summary>
public sealed partial class RetrainingJob(
    BudgetJob budgets,
    IModelRegistrySource registrySource,
    IEnumerable<IRetrainingLauncher> launchers,
    IEnumerable<IRetrainingLauncherSource> launcherSources,
    TimeProvider time,
    ILoggerFactory loggers,
    StateChoice state)
{
    private readonly IRetrainingLauncher? _launcher = launchers.LastOrDefault();
    private readonly IRetrainingLauncherSource? _launcherSource = launcherSources.LastOrDefault();
    private readonly ILogger _logger = loggers.CreateLogger<RetrainingJob>();

    // One evaluation per model at a time in this process; across processes the idempotency key holds.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _modelLocks = new(StringComparer.Ordinal);

    /// <summary>Records the signals, then evaluates their model when any was new and it has a rule.</summary>
    public async Task<SignalIntakeResult> TakeInAsync(
        RetrainingRequest request, IReadOnlyList<ModelSignal> signals, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var (policy, cycle) = Load(request);
        var recorded = await cycle.RecordSignalsAsync(signals, ct).ConfigureAwait(false);
        var intake = new SignalIntakeResult(recorded, signals.Count - recorded, [], null);
        var rules = signals.Select(s => s.Model).Distinct(StringComparer.Ordinal)
            .Select(policy.Retraining.For).OfType<RetrainingRule>().ToList();
        if (recorded == 0 || rules.Count == 0)
        {
            return intake with { Note = rules.Count == 0 ? "no retraining rule for this model" : "nothing new" };
        }

        try
        {
            var decisions = new List<RetrainingRecord>();
            foreach (var rule in rules)
            {
                decisions.Add(await EvaluateOneAsync(cycle, policy, rule, ct).ConfigureAwait(false));
            }

            return intake with { Decisions = decisions };
        }
        catch (Exception ex) when (ex is FrugalInputException or HttpRequestException or IOException)
        {
            // The signals are kept; the next EvaluateRetraining run decides with them.
            LogEvaluationFailed(ex);
            return intake with { Note = $"signals recorded; evaluation failed, retried on schedule: {ex.Message}" };
        }
    }

    /// <summary>Evaluates every rule of the policy (or the request's model only) and acts on each decision.</summary>
    public async Task<IReadOnlyList<RetrainingRecord>> EvaluateAsync(RetrainingRequest request, CancellationToken ct)
    {
        var (policy, cycle) = Load(request);
        var rules = policy.Retraining.Rules.Where(r => request.Model is null || r.Model == request.Model).ToList();
        if (request.Model is { } model && rules.Count == 0)
        {
            throw new FrugalInputException($"{request.PolicyPath}: no retraining rule for model '{model}'");
        }

        var decisions = new List<RetrainingRecord>();
        foreach (var rule in rules)
        {
            decisions.Add(await EvaluateOneAsync(cycle, policy, rule, ct).ConfigureAwait(false));
        }

        return decisions;
    }

    /// <summary>Recorded decisions, newest first; reads the state without changing it.</summary>
    public async Task<IReadOnlyList<RetrainingRecord>> DecisionsAsync(
        RetrainingRequest request, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        var stores = state.OpenReadOnly(StatePath(request, policy));
        return stores is null
            ? []
            : await stores.ModelSignals.ReadDecisionsAsync(request.Model, limit, ct).ConfigureAwait(false);
    }

    private async Task<RetrainingRecord> EvaluateOneAsync(
        RetrainingCycle cycle, FrugalPolicy policy, RetrainingRule rule, CancellationToken ct)
    {
        var gate = _modelLocks.GetOrAdd(rule.Model, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var registries = policy.ModelArchive.Registries.Count == 0
                ? []
                : registrySource.Create(policy.ModelArchive);
            return await cycle.EvaluateAsync(rule, registries, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private (FrugalPolicy Policy, RetrainingCycle Cycle) Load(RetrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var policy = PolicyLoader.LoadValid(request.PolicyPath);
        var statePath = StatePath(request, policy);
        var store = state.Open(statePath).ModelSignals;
        var budgetRequest = new BudgetJobRequest(request.PolicyPath, request.FocusPaths, request.StatePath);
        var statuses = new HostRetrainingBudgets(budgets, budgetRequest, _logger);
        var launcher = _launcher ?? _launcherSource?.Create(policy, statePath);
        return (policy, new RetrainingCycle(store, launcher, statuses, time, loggers.CreateLogger<RetrainingCycle>()));
    }

    private static string StatePath(RetrainingRequest request, FrugalPolicy policy) =>
        BudgetJob.StatePath(new BudgetJobRequest(request.PolicyPath, StatePath: request.StatePath), policy);

    [LoggerMessage(EventId = 3311, Level = LogLevel.Warning,
        Message = "Retraining evaluation after a signal failed; the scheduled run retries it")]
    private partial void LogEvaluationFailed(Exception exception);
}

/// <summary>What to run retraining on: the policy, the state, one model or all, and cost data for budgets.</summary>
public sealed record RetrainingRequest(
    string PolicyPath, string? StatePath = null, string? Model = null, IReadOnlyList<string>? FocusPaths = null);

/// <summary>Signals taken in: how many were new or repeats, the decisions made, and a note when none was.</summary>
public sealed record SignalIntakeResult(
    int Recorded, int Repeats, IReadOnlyList<RetrainingRecord> Decisions, string? Note);
