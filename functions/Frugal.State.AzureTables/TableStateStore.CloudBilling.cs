using System.Text.Json;
using Azure.Data.Tables;
using Frugal.Engine.Billing;
using Frugal.Engine.BudgetEvents;

namespace Frugal.State.AzureTables;

/// <summary>
/// Budget alerts the clouds pushed, and the billing accounts of projects Frugal detached. An alert is two rows in
/// one transaction, one under its delivery id and one under its content key: both are adds, so a repeat of either
/// fails the pair with 409 and records nothing.
/// </summary>
public sealed partial class TableStateStore : IBudgetEventStore, IProjectBillingStore
{
    public async Task<bool> RecordAsync(BudgetEvent budgetEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(budgetEvent);
        var source = budgetEvent.Source.ToString().ToLowerInvariant();
        var id = $"{source}:{budgetEvent.EventId}";
        var row = new TableEntity(TableKeys.BudgetEvents, TableKeys.Row("event", id))
        {
            ["EventId"] = id,
            ["ContentKey"] = budgetEvent.ContentKey,
            ["CloudBudget"] = budgetEvent.CloudBudgetId,
            ["Anchor"] = Stamps.Of(budgetEvent.PeriodAnchor),
            ["ReceivedAt"] = Stamps.Of(budgetEvent.ReceivedAt),
        };
        ChunkedText.Write(row, "Payload", JsonSerializer.Serialize(StoredBudgetEvent.From(budgetEvent), Json));
        var content = new TableEntity(TableKeys.BudgetEvents, TableKeys.Row("content", budgetEvent.ContentKey))
        {
            ["EventId"] = id,
        };
        row["Recorder"] = content["Recorder"] = StateTable.NewRecorder();
        TableTransactionAction[] adds =
        [
            new(TableTransactionActionType.Add, row),
            new(TableTransactionActionType.Add, content),
        ];
        var recorded = await StateTable.UntilSettledAsync<object>(async () =>
        {
            var found = await _table.GetAsync(TableKeys.BudgetEvents, row.RowKey, ct).ConfigureAwait(false)
                ?? await _table.GetAsync(TableKeys.BudgetEvents, content.RowKey, ct).ConfigureAwait(false);
            if (found is not null)
            {
                return found.GetString("Recorder") == row.GetString("Recorder");
            }

            return await _table.CommitAsync(adds, [], ct).ConfigureAwait(false) is null ? null : true;
        }, $"recording budget alert {id}", ct).ConfigureAwait(false);
        return (bool)recorded;
    }

    public async Task<IReadOnlyList<BudgetEvent>> ReadSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.BudgetEvents, "event")
            + TableClient.CreateQueryFilter($" and Anchor ge {Stamps.Of(since)}");
        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows.OrderBy(e => e.GetString("ReceivedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.Timestamp)
            .Select(e => (JsonSerializer.Deserialize<StoredBudgetEvent>(ChunkedText.Read(e, "Payload"), Json)
                ?? throw new InvalidDataException($"{e.RowKey} holds no budget event")).ToEvent())];
    }

    public Task RecordDetachmentAsync(BillingDetachment detachment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(detachment);
        return _table.UpsertAsync(new TableEntity(TableKeys.Billing, DetachmentRow(detachment.ProjectId))
        {
            ["Project"] = detachment.ProjectId,
            ["BillingAccount"] = detachment.BillingAccountName,
            ["DetachedAt"] = Stamps.Of(detachment.DetachedAt),
            ["Reason"] = detachment.Reason,
        }, ct);
    }

    public async Task<BillingDetachment?> FindDetachmentAsync(string projectId, CancellationToken ct) =>
        await _table.GetAsync(TableKeys.Billing, DetachmentRow(projectId), ct).ConfigureAwait(false) is { } row
            ? new BillingDetachment(projectId, row.GetString("BillingAccount"),
                Stamps.Parse(row.GetString("DetachedAt")), row.GetString("Reason"))
            : null;

    public Task ForgetDetachmentAsync(string projectId, CancellationToken ct) =>
        _table.DeleteAsync(TableKeys.Billing, DetachmentRow(projectId), ct);

    private static string DetachmentRow(string projectId) => TableKeys.Row("project", projectId);
}
