using Frugal.Engine.Planning;

namespace Frugal.Engine.State;

/// <summary>
/// Frugal's durable state: crossings that fired, the actions they caused (an outbox: recorded with the crossing in
/// one step, carried out afterwards, so a crash in between loses nothing), and the audit log.
/// Implementations must make <see cref="RecordCrossingAsync"/> and <see cref="LeasePendingActionsAsync"/> safe
/// when several Frugal processes run at once.
/// </summary>
public interface IStateStore
{
    /// <summary>Which of these crossing keys have already fired.</summary>
    Task<IReadOnlySet<string>> FiredCrossingsAsync(IReadOnlyCollection<string> crossingKeys, CancellationToken ct);

    /// <summary>
    /// Records a crossing and its actions as pending, atomically. Returns false, recording nothing, when the
    /// crossing was already recorded (by this process or another).
    /// </summary>
    Task<bool> RecordCrossingAsync(CrossingRecord crossing, IReadOnlyList<PlannedAction> actions, CancellationToken ct);

    /// <summary>
    /// Takes up to <paramref name="max"/> pending actions (or ones whose earlier lease ran out) for this owner until
    /// <paramref name="until"/>; no other owner gets them meanwhile.
    /// </summary>
    Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct);

    /// <summary>Records what became of a leased action.</summary>
    Task CompleteActionAsync(string idempotencyKey, ActionResult result, DateTimeOffset at, CancellationToken ct);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>Audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct);
}
