using Frugal.Engine.Planning;

namespace Frugal.Engine.State;

/// <summary>State before anything was ever recorded; read-only. Planning against it changes nothing.</summary>
public sealed class EmptyStateStore : IStateStore
{
    public static EmptyStateStore Instance { get; } = new();

    public Task<IReadOnlySet<string>> FiredCrossingsAsync(IReadOnlyCollection<string> crossingKeys, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public Task<bool> RecordCrossingAsync(CrossingRecord crossing, IReadOnlyList<PlannedAction> actions, CancellationToken ct) =>
        throw ReadOnly();

    public Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ActionRecord>>([]);

    public Task CompleteActionAsync(string idempotencyKey, ActionResult result, DateTimeOffset at, CancellationToken ct) =>
        throw ReadOnly();

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken ct) => throw ReadOnly();

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([]);

    private static InvalidOperationException ReadOnly() => new("the empty state is read-only");
}
