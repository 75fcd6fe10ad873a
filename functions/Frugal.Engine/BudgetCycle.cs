using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Budgets;
using Frugal.Engine.Execution;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine;

/// <summary>
/// The main job, shared by every entry point (the CLI, the Functions timer, <c>frugal serve</c>): evaluate budgets
/// over a ledger, plan against what already fired, and, for a run, carry the plan out, record the daily digest
/// when it is due, and send what the notification outbox holds.
/// </summary>
public sealed class BudgetCycle(
    IStateStore store,
    PlanExecutor executor,
    NotificationDispatcher dispatcher,
    TimeProvider time,
    IRecommendationSource? recommendations = null)
{
    /// <summary>Evaluates and plans; changes nothing.</summary>
    public Task<BudgetPlan> PlanAsync(FrugalPolicy policy, CostLedger ledger, CancellationToken ct) =>
        PlanAsync(policy, ledger, [], ct);

    /// <summary>
    /// Evaluates with the spend that cloud budget alerts reported (see <see cref="CloudSpend"/>) and plans;
    /// changes nothing.
    /// </summary>
    public async Task<BudgetPlan> PlanAsync(
        FrugalPolicy policy, CostLedger ledger, IReadOnlyList<BudgetEvent> cloudReports, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        var statuses = CloudSpend.Apply(
            policy, BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger), now), cloudReports);
        var candidates = statuses
            .SelectMany(s => s.Crossed.Select(c => BudgetPlanner.CrossingKey(s, c.Threshold, policy.Safety.DryRun)))
            .ToList();

        var fired = await store.FiredCrossingsAsync(candidates, ct).ConfigureAwait(false);
        return BudgetPlanner.Plan(policy, statuses, fired, now);
    }

    /// <summary>Plans and carries the plan out.</summary>
    public Task<(BudgetPlan Plan, ExecutionReport Report)> RunAsync(
        FrugalPolicy policy, CostLedger ledger, CancellationToken ct) =>
        RunAsync(policy, ledger, [], ct);

    /// <summary>
    /// Plans with the spend that cloud budget alerts reported, carries the plan out, records the digest if due and
    /// sends pending notifications.
    /// </summary>
    public async Task<(BudgetPlan Plan, ExecutionReport Report)> RunAsync(
        FrugalPolicy policy, CostLedger ledger, IReadOnlyList<BudgetEvent> cloudReports, CancellationToken ct)
    {
        var plan = await PlanAsync(policy, ledger, cloudReports, ct).ConfigureAwait(false);
        var report = await executor.ExecuteAsync(policy, plan, ct).ConfigureAwait(false);
        var digest = await new DailyDigest(store, time, recommendations)
            .RecordAsync(policy, plan.Budgets, force: false, ct).ConfigureAwait(false);
        var deliveries = await dispatcher.DispatchAsync(policy, ct).ConfigureAwait(false);
        return (plan, report with { Deliveries = deliveries, Digest = digest });
    }

    /// <summary>
    /// Records today's digest now, whatever the time of day, for each routed channel that has not had it, and
    /// sends what the outbox holds.
    /// </summary>
    public async Task<(DigestRecording Digest, IReadOnlyList<NotificationOutcome> Deliveries)> DigestAsync(
        FrugalPolicy policy, CostLedger ledger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var statuses = BudgetEvaluator.Evaluate(policy, new LedgerIndex(ledger), time.GetUtcNow());
        var digest = await new DailyDigest(store, time, recommendations)
            .RecordAsync(policy, statuses, force: true, ct).ConfigureAwait(false);
        var deliveries = await dispatcher.DispatchAsync(policy, ct).ConfigureAwait(false);
        return (digest, deliveries);
    }
}
