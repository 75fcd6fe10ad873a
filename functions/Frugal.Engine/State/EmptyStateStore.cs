using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;

namespace Frugal.Engine.State;

/// <summary>State before anything was ever recorded; read-only. Planning against it changes nothing.</summary>
public sealed class EmptyStateStore : IStateStore
{
    public static EmptyStateStore Instance { get; } = new();

    public Task<IReadOnlySet<string>> FiredCrossingsAsync(
        IReadOnlyCollection<string> crossingKeys, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public Task<bool> RecordCrossingAsync(
        CrossingRecord crossing, IReadOnlyList<PlannedAction> actions,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct) => throw ReadOnly();

    public Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ActionRecord>>([]);

    public Task CompleteActionAsync(
        string idempotencyKey, ActionResult result, DateTimeOffset at,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct) => throw ReadOnly();

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken ct) => throw ReadOnly();

    public Task<IReadOnlyList<NotificationEnvelope>> RecordEventAsync(
        AuditEntry entry, IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct) =>
        throw ReadOnly();

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([]);

    public Task<IReadOnlyList<NotificationRecord>> LeasePendingNotificationsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<NotificationRecord>>([]);

    public Task CompleteNotificationAsync(
        string key, NotificationAttempt attempt, AuditEntry audit, IReadOnlyList<NotificationEnvelope> followUps,
        CancellationToken ct) => throw ReadOnly();

    public Task<DateTimeOffset?> NextNotificationDueAsync(CancellationToken ct) =>
        Task.FromResult<DateTimeOffset?>(null);

    public Task<IReadOnlyList<NotificationRecord>> ReadNotificationsAsync(
        NotificationQuery query, CancellationToken ct) => Task.FromResult<IReadOnlyList<NotificationRecord>>([]);

    public Task<IReadOnlyList<SettledAction>> ActionsSettledAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SettledAction>>([]);

    private static InvalidOperationException ReadOnly() => new("the empty state is read-only");
}
