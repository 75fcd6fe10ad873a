using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Retraining;

/// <summary>
/// Evaluates a model's retraining rule and acts on the decision: gathers the inputs (latest signals, the current
/// version's age from the registries, the last queued run, and, only when a run is due, the budget and the
/// estimate), asks <see cref="RetrainingDecider"/>, queues through the launcher, and records the decision.
/// </summary>
public sealed partial class RetrainingCycle(
    IModelSignalStore store,
    IRetrainingLauncher? launcher,
    IRetrainingBudgets budgets,
    TimeProvider time,
    ILogger<RetrainingCycle> logger)
{
    public const string NoQueue = "no training queue configured: nothing queued";

    /// <summary>Records posted signals, then evaluates the model at once when any of them was new.</summary>
    public async Task<SignalIntake> TakeInAsync(
        RetrainingPolicy policy, IReadOnlyList<ModelSignal> signals, IReadOnlyList<IModelRegistry> registries,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var recorded = await RecordSignalsAsync(signals, ct).ConfigureAwait(false);
        var models = signals.Select(s => s.Model).Distinct(StringComparer.Ordinal).ToList();
        var decisions = new List<RetrainingRecord>();
        foreach (var rule in recorded == 0 ? [] : models.Select(policy.For).OfType<RetrainingRule>())
        {
            decisions.Add(await EvaluateAsync(rule, registries, ct).ConfigureAwait(false));
        }

        return new SignalIntake(recorded, signals.Count - recorded, decisions);
    }

    /// <summary>Records signals, each once per delivery id; returns how many were new.</summary>
    public async Task<int> RecordSignalsAsync(IReadOnlyList<ModelSignal> signals, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var receivedAt = time.GetUtcNow();
        var recorded = 0;
        foreach (var signal in signals)
        {
            recorded += await store.AppendSignalAsync(signal, receivedAt, ct).ConfigureAwait(false) ? 1 : 0;
        }

        return recorded;
    }

    public async Task<RetrainingRecord> EvaluateAsync(
        RetrainingRule rule, IReadOnlyList<IModelRegistry> registries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var inputs = new RetrainingInputs(
            rule,
            await store.LatestSignalsAsync(rule.Model, ct).ConfigureAwait(false),
            await VersionCreatedAsync(rule, registries, ct).ConfigureAwait(false),
            await store.LastQueuedAsync(rule.Model, ct).ConfigureAwait(false),
            time.GetUtcNow());
        var assessment = RetrainingDecider.Assess(inputs);
        if (assessment.Due && launcher is null)
        {
            return await RecordAsync(rule, inputs, new RetrainingDecision(RetrainingVerdict.Retrain,
                $"retraining wanted ({string.Join("; ", assessment.Triggers)}), {NoQueue}",
                assessment.Evidence, null), null, ct).ConfigureAwait(false);
        }

        if (assessment.Due && rule.Budget is { } budget)
        {
            inputs = inputs with
            {
                Budget = await budgets.StatusAsync(budget, ct).ConfigureAwait(false),
                Estimate = await launcher!.EstimateAsync(rule.TrainingJob, ct).ConfigureAwait(false),
            };
        }

        var decision = RetrainingDecider.Decide(inputs);
        var launch = decision.Verdict == RetrainingVerdict.Retrain
            ? await launcher!.QueueAsync(Order(rule, inputs, decision), ct).ConfigureAwait(false)
            : null;
        return await RecordAsync(rule, inputs, decision, launch, ct).ConfigureAwait(false);
    }

    private static async Task<DateTimeOffset?> VersionCreatedAsync(
        RetrainingRule rule, IReadOnlyList<IModelRegistry> registries, CancellationToken ct)
    {
        DateTimeOffset? newest = null;
        foreach (var registry in registries.Where(r => rule.Registry is null || r.Name == rule.Registry))
        {
            foreach (var version in await registry.ListVersionsAsync(rule.Model, ct).ConfigureAwait(false))
            {
                newest = newest is null || version.Created > newest ? version.Created : newest;
            }
        }

        return newest;
    }

    private static RetrainingOrder Order(RetrainingRule rule, RetrainingInputs inputs, RetrainingDecision decision) =>
        new(rule.Model, rule.TrainingJob, decision.Reason, decision.Evidence, rule.Budget, decision.Estimate,
            decision.IdempotencyKey!, inputs.Now);

    private async Task<RetrainingRecord> RecordAsync(
        RetrainingRule rule, RetrainingInputs inputs, RetrainingDecision decision, RetrainingLaunch? launch,
        CancellationToken ct)
    {
        var record = new RetrainingRecord(
            rule.Model, inputs.Now, decision.Verdict, decision.Reason, decision.Evidence, rule.TrainingJob)
        {
            Budget = rule.Budget,
            Estimate = decision.Estimate,
            IdempotencyKey = decision.IdempotencyKey,
            Launch = launch,
        };
        await store.RecordDecisionAsync(record, ct).ConfigureAwait(false);
        LogDecided(rule.Model, record.Outcome, record.Reason, launch?.JobId ?? "-");
        return record;
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Information,
        Message = "Retraining {Model}: {Outcome}: {Reason} (job {JobId})")]
    private partial void LogDecided(string model, string outcome, string reason, string jobId);
}

/// <summary>What became of posted signals: how many were new or repeats, and the decisions they led to.</summary>
public sealed record SignalIntake(int Recorded, int Repeats, IReadOnlyList<RetrainingRecord> Decisions);
