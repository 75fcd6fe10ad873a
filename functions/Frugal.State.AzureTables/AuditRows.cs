using Azure.Data.Tables;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables;

/// <summary>
/// An audit line as rows of the outbox partition: the next number of the <c>sequence|audit</c> row (a replace
/// conditional on the ETag read, so two writers never take the same number) and the line under that number
/// inverted. Every store that writes an audit line with its cause puts these two into the cause's transaction.
/// </summary>
internal static class AuditRows
{
    private static readonly string SequenceRow = TableKeys.Row("sequence", "audit");

    /// <summary>The sequence step and the audit row; <see cref="IdOf"/> reads the number the line took.</summary>
    public static async Task<List<TableTransactionAction>> ActionsAsync(
        StateTable table, AuditEntry entry, CancellationToken ct)
    {
        var sequence = await table.GetAsync(TableKeys.Outbox, SequenceRow, ct).ConfigureAwait(false);
        var id = (sequence?.GetInt64("Value") ?? 0) + 1;
        var next = new TableEntity(TableKeys.Outbox, SequenceRow) { ["Value"] = id };
        var step = sequence is null
            ? new TableTransactionAction(TableTransactionActionType.Add, next)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, sequence.ETag);
        var row = new TableEntity(TableKeys.Outbox, TableKeys.Row("audit", TableKeys.Descending(id)))
        {
            ["Id"] = id,
            ["At"] = Stamps.Of(entry.At),
            ["Kind"] = entry.Kind.ToString(),
        };
        SetIfAny(row, "Budget", entry.Budget);
        SetIfAny(row, "Key", entry.Key);
        SetIfAny(row, "Outcome", entry.Outcome);
        ChunkedText.Write(row, "Summary", entry.Summary);
        return [step, new TableTransactionAction(TableTransactionActionType.Add, row)];
    }

    /// <summary>The number the audit line of <paramref name="actions"/> took.</summary>
    public static long IdOf(IReadOnlyList<TableTransactionAction> actions) =>
        (actions[1].Entity as TableEntity)?.GetInt64("Id")
            ?? throw new InvalidOperationException("not the actions of an audit line");

    private static void SetIfAny(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
