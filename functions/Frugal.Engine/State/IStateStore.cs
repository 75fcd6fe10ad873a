using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;

namespace Frugal.Engine.State;

/// <summary>
/// Frugal's durable state: crossings that fired, the actions they caused and the notifications everything causes
/// (two outboxes: recorded in the same step as their cause, carried out afterwards, so a crash in between loses
/// nothing), and the audit log. Implementations must make the record and lease methods safe when several Frugal
/// processes run at once, and must record a notification at most once per <see cref="NotificationEnvelope.Key"/>.
/// </summary>
public interface IStateStore
{
    /// <summary>Which of these crossing keys have already fired.</summary>
    Task<IReadOnlySet<string>> FiredCrossingsAsync(IReadOnlyCollection<string> crossingKeys, CancellationToken ct);

    /// <summary>
    /// Records a crossing, its actions and its notifications as pending, atomically. Returns false, recording
    /// nothing, when the crossing was already recorded (by this process or another).
    /// </summary>
    Task<bool> RecordCrossingAsync(
        CrossingRecord crossing,
        IReadOnlyList<PlannedAction> actions,
        IReadOnlyList<NotificationEnvelope> notifications,
        CancellationToken ct);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending actions (or ones whose earlier lease ran out) for this owner until
    /// <paramref name="until"/>; no other owner gets them meanwhile.
    /// </summary>
    Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct);

    /// <summary>Records what became of a leased action and the notifications that outcome causes, atomically.</summary>
    Task CompleteActionAsync(
        string idempotencyKey,
        ActionResult result,
        DateTimeOffset at,
        IReadOnlyList<NotificationEnvelope> notifications,
        CancellationToken ct);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>
    /// Appends an audit entry and records the notifications it causes, atomically (a refused plan, a digest).
    /// Returns the notifications that were new; ones recorded before are left as they are.
    /// </summary>
    Task<IReadOnlyList<NotificationEnvelope>> RecordEventAsync(
        AuditEntry entry, IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct);

    /// <summary>Audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct);

    /// <summary>
    /// Takes up to <paramref name="max"/> notifications that are due (pending and past their retry time, or leased
    /// to someone whose lease ran out) for this owner until <paramref name="until"/>, oldest first.
    /// </summary>
    Task<IReadOnlyList<NotificationRecord>> LeasePendingNotificationsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct);

    /// <summary>
    /// Records what became of a leased notification, with its audit line and any notifications it causes
    /// (a gone channel told to the others), atomically.
    /// </summary>
    Task CompleteNotificationAsync(
        string key,
        NotificationAttempt attempt,
        AuditEntry audit,
        IReadOnlyList<NotificationEnvelope> followUps,
        CancellationToken ct);

    /// <summary>When the next pending notification falls due, or null when none is pending.</summary>
    Task<DateTimeOffset?> NextNotificationDueAsync(CancellationToken ct);

    /// <summary>Notifications, newest first.</summary>
    Task<IReadOnlyList<NotificationRecord>> ReadNotificationsAsync(NotificationQuery query, CancellationToken ct);

    /// <summary>Actions settled (done, skipped, given up) between two instants, both included.</summary>
    Task<IReadOnlyList<SettledAction>> ActionsSettledAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
