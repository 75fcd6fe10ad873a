using Azure.Data.Tables;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables;

/// <summary>
/// The audit log. Each line takes the next number of a sequence row in the same transaction as the line (an
/// ETag-conditional replace, so two writers never take the same number), and its row key is that number inverted:
/// the partition's natural order is newest first, as <see cref="IStateStore.ReadAuditAsync"/> wants.
/// </summary>
public sealed partial class TableStateStore
{
    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await StateTable.UntilSettledAsync(async () =>
        {
            var audit = await AuditActionsAsync(entry, ct).ConfigureAwait(false);
            return await _table.CommitAsync(audit, [], ct).ConfigureAwait(false);
        }, "appending to the audit log", ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "audit");
        if (query.Budget is { } budget)
        {
            filter += TableClient.CreateQueryFilter($" and Budget eq {budget}");
        }

        if (query.Kind is { } kind)
        {
            filter += TableClient.CreateQueryFilter($" and Kind eq {kind.ToString()}");
        }

        var rows = await _table.QueryAsync(filter, ct, take: query.Limit).ConfigureAwait(false);
        return [.. rows.Select(e => new AuditEntry(
            Stamps.Parse(e.GetString("At")),
            Enum.Parse<AuditKind>(e.GetString("Kind")),
            ChunkedText.Read(e, "Summary"),
            e.GetString("Budget"),
            e.GetString("Key"),
            e.GetString("Outcome"),
            e.GetInt64("Id") ?? 0))];
    }

    /// <summary>The sequence step and the audit row, for the caller's transaction.</summary>
    private Task<List<TableTransactionAction>> AuditActionsAsync(AuditEntry entry, CancellationToken ct) =>
        AuditRows.ActionsAsync(_table, entry, ct);
}
