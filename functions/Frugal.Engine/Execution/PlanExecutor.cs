using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Execution;

/// <summary>
/// Carries a plan out: records each new crossing with its actions and notifications in one step, then works through
/// every pending action (this plan's and any a crashed run left behind) and records each outcome, with the
/// notifications it causes, in one step. Sending the notifications is the <see cref="NotificationDispatcher"/>'s job.
/// </summary>
public sealed partial class PlanExecutor
{
    private readonly IStateStore _store;
    private readonly IReadOnlyList<IActionHandler> _handlers;
    private readonly TimeProvider _time;
    private readonly ILogger<PlanExecutor> _logger;
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public PlanExecutor(
        IStateStore store, IEnumerable<IActionHandler> handlers, TimeProvider time, ILogger<PlanExecutor> logger)
    {
        _store = store;
        _handlers = handlers.ToList();
        _time = time;
        _logger = logger;
    }

    /// <summary>How long an action stays leased to this run before another run may take it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a failing action is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 3;

    public async Task<ExecutionReport> ExecuteAsync(FrugalPolicy policy, BudgetPlan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(plan);

        if (plan.Refusal is { } refusal)
        {
            LogPlanRefused(refusal);
            await RecordRefusalAsync(policy, plan, refusal, ct).ConfigureAwait(false);
            return new ExecutionReport([], refusal);
        }

        await _store.AppendAuditAsync(new AuditEntry(_time.GetUtcNow(), AuditKind.Plan, Summarize(plan)), ct)
            .ConfigureAwait(false);
        await RecordCrossingsAsync(policy, plan, ct).ConfigureAwait(false);
        return new ExecutionReport(await DrainPendingAsync(policy, plan, ct).ConfigureAwait(false), null);
    }

    private async Task RecordRefusalAsync(FrugalPolicy policy, BudgetPlan plan, string refusal, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var refused = NotificationEvents.Refusal(plan, DateOnly.FromDateTime(now.UtcDateTime), now);
        await _store.RecordEventAsync(
            new AuditEntry(now, AuditKind.Refusal, refusal, Key: refused.Key),
            Envelopes(policy, refused), ct).ConfigureAwait(false);
    }

    private async Task RecordCrossingsAsync(FrugalPolicy policy, BudgetPlan plan, CancellationToken ct)
    {
        foreach (var group in plan.Actions.GroupBy(a => a.CrossingKey))
        {
            var first = group.First();
            var status = plan.Budgets.First(b => b.Budget.Name == first.Budget);
            var crossing = status.Crossed.First(c => c.Threshold.Id == first.ThresholdId);
            var record = new CrossingRecord(
                group.Key, first.Budget, first.Period, first.ThresholdId, crossing.Spend.Amount,
                crossing.Level.Amount, crossing.Spend.Currency.Code, _time.GetUtcNow());

            // Notify rungs become rows of the notification outbox; the other rungs are actions.
            var told = NotificationEvents.Crossing(status, crossing, group, record.At);
            var envelopes = group.Where(a => a.Kind == ActionKind.Notify)
                .Select(a => new NotificationEnvelope(a.Target, told))
                .ToList();
            var actions = group.Where(a => a.Kind != ActionKind.Notify).ToList();
            if (await _store.RecordCrossingAsync(record, actions, envelopes, ct).ConfigureAwait(false))
            {
                LogCrossingRecorded(record.Budget, record.ThresholdId, record.Period, crossing.Spend.ToString());
                await _store.AppendAuditAsync(
                    new AuditEntry(
                        record.At, AuditKind.Crossing,
                        $"{record.Budget} reached {record.ThresholdId} in {record.Period} at {crossing.Spend}",
                        record.Budget, record.Key),
                    ct).ConfigureAwait(false);
            }
        }
    }

    private static List<NotificationEnvelope> Envelopes(FrugalPolicy policy, NotificationEvent? notification) =>
        notification is null
            ? []
            : [.. NotificationRouter.Channels(policy, notification.Kind, notification.Severity)
                .Select(channel => new NotificationEnvelope(channel, notification))];

    private async Task<List<ActionOutcome>> DrainPendingAsync(
        FrugalPolicy policy, BudgetPlan plan, CancellationToken ct)
    {
        var outcomes = new List<ActionOutcome>();
        while (true)
        {
            var now = _time.GetUtcNow();
            var leased = await _store.LeasePendingActionsAsync(_owner, now, now + LeaseDuration, 32, ct)
                .ConfigureAwait(false);
            if (leased.Count == 0)
            {
                return outcomes;
            }

            foreach (var record in leased)
            {
                outcomes.Add(await CarryOutAsync(policy, plan, record, ct).ConfigureAwait(false));
            }
        }
    }

    private async Task<ActionOutcome> CarryOutAsync(
        FrugalPolicy policy, BudgetPlan plan, ActionRecord record, CancellationToken ct)
    {
        var action = record.Action;
        var result = await AttemptAsync(action, ct).ConfigureAwait(false);
        var attempts = record.Attempts + 1;
        if (result.Status == ActionStatus.Failed)
        {
            result = attempts >= MaxAttempts
                ? new ActionResult(ActionStatus.DeadLettered, $"{result.Detail} (gave up after {attempts} attempts)")
                : result with { Status = ActionStatus.Pending, RetryAt = _time.GetUtcNow() + Backoff(attempts) };
        }

        var at = _time.GetUtcNow();
        var status = plan.Budgets.FirstOrDefault(b => b.Budget.Name == action.Budget);
        var told = NotificationEvents.ActionOutcome(action, result, attempts, status, at);
        await _store.CompleteActionAsync(action.IdempotencyKey, result, at, Envelopes(policy, told), ct)
            .ConfigureAwait(false);
        await _store.AppendAuditAsync(
            new AuditEntry(at, AuditKind.Action, action.Reason, action.Budget, action.IdempotencyKey,
                $"{result.Status.ToString().ToLowerInvariant()}: {result.Detail}"),
            ct).ConfigureAwait(false);
        LogActionOutcome(action.Kind.ToString(), action.Target, result.Status.ToString(), result.Detail);
        return new ActionOutcome(action, result, attempts);
    }

    private async Task<ActionResult> AttemptAsync(PlannedAction action, CancellationToken ct)
    {
        if (action.DryRun)
        {
            return ActionResult.Skipped("dry run: shown, not carried out");
        }

        var handler = _handlers.FirstOrDefault(h => h.Kind == action.Kind);
        if (handler is null)
        {
            return ActionResult.Failed($"no handler is configured for {action.Kind}");
        }

        try
        {
            return await handler.ExecuteAsync(action, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogHandlerFailed(ex, action.Kind.ToString(), action.Target);
            return ActionResult.Failed(ex.Message);
        }
    }

    // 1, 4, 16 minutes...: a provider that is down for a while is not hammered, and the next run picks it up.
    private static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(4, attempts - 1));

    private static string Summarize(BudgetPlan plan) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"plan: {plan.Budgets.Count} budgets, {plan.Budgets.Sum(b => b.Crossed.Count)} thresholds reached, " +
            $"{plan.Actions.Count} new actions ({plan.Actions.Count(a => a.DryRun)} dry-run)");

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Plan refused: {Reason}")]
    private partial void LogPlanRefused(string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Budget {Budget} reached {Threshold} in {Period} at {Spend}")]
    private partial void LogCrossingRecorded(string budget, string threshold, string period, string spend);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Action {Kind} on {Target}: {Status} ({Detail})")]
    private partial void LogActionOutcome(string kind, string target, string status, string detail);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Action {Kind} on {Target} threw")]
    private partial void LogHandlerFailed(Exception exception, string kind, string target);
}

/// <summary>One action's outcome in this run.</summary>
public sealed record ActionOutcome(PlannedAction Action, ActionResult Result, int Attempts);

/// <summary>
/// What a run did: each action's outcome (or why the plan was refused), each notification sent or tried, and the
/// daily digest if one was recorded.
/// </summary>
public sealed record ExecutionReport(IReadOnlyList<ActionOutcome> Outcomes, string? Refusal)
{
    public IReadOnlyList<NotificationOutcome> Deliveries { get; init; } = [];

    public DigestRecording? Digest { get; init; }

    public bool AnyFailed =>
        Outcomes.Any(o => o.Result.Status is ActionStatus.Failed or ActionStatus.DeadLettered or ActionStatus.Pending)
        || Deliveries.Any(d => d.Status != NotificationStatus.Delivered);
}
