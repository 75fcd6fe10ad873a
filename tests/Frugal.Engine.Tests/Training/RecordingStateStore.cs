using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.State;

namespace Frugal.Engine.Tests.Training;

/// <summary>Keeps the events the training scheduler records (once per key); every other call is refused.</summary>
internal sealed class RecordingStateStore : IStateStore
{
    public List<(AuditEntry Audit, IReadOnlyList<NotificationEnvelope> Envelopes)> Events { get; } = [];

    public Task<IReadOnlyList<NotificationEnvelope>> RecordEventAsync(
        AuditEntry entry, IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        if (Events.Any(e => e.Audit.Key == entry.Key))
        {
            return Task.FromResult<IReadOnlyList<NotificationEnvelope>>([]);
        }

        Events.Add((entry, notifications));
        return Task.FromResult(notifications);
    }

    public Task<IReadOnlySet<string>> FiredCrossingsAsync(
        IReadOnlyCollection<string> crossingKeys, CancellationToken ct) => throw Unexpected();

    public Task<bool> RecordCrossingAsync(CrossingRecord crossing, IReadOnlyList<PlannedAction> actions,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct) => throw Unexpected();

    public Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct) => throw Unexpected();

    public Task CompleteActionAsync(string idempotencyKey, ActionResult result, DateTimeOffset at,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct) => throw Unexpected();

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken ct) => throw Unexpected();

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct) =>
        throw Unexpected();

    public Task<IReadOnlyList<NotificationRecord>> LeasePendingNotificationsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct) => throw Unexpected();

    public Task CompleteNotificationAsync(string key, NotificationAttempt attempt, AuditEntry audit,
        IReadOnlyList<NotificationEnvelope> followUps, CancellationToken ct) => throw Unexpected();

    public Task<DateTimeOffset?> NextNotificationDueAsync(CancellationToken ct) => throw Unexpected();

    public Task<IReadOnlyList<NotificationRecord>> ReadNotificationsAsync(NotificationQuery query, CancellationToken ct)
        => throw Unexpected();

    public Task<IReadOnlyList<SettledAction>> ActionsSettledAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => throw Unexpected();

    private static NotSupportedException Unexpected() => new("the training scheduler should not call this");
}
