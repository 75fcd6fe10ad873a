using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Frugal.Engine.Money;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables;

/// <summary>
/// Model signals and retraining decisions in Table Storage. A signal is an add keyed by model and delivery id in
/// the <c>signals</c> partition, so a repeat gets 409 and records nothing. A decision lives in the outbox partition
/// beside the audit log: the decision row, the audit line and the audit sequence step are one transaction, and the
/// decision's row key is the audit number inverted, so decisions read newest first as the audit log does.
/// </summary>
public sealed class TableModelSignalStore : IModelSignalStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly StateTable _table;

    internal TableModelSignalStore(StateTable table) => _table = table;

    public async Task<bool> AppendSignalAsync(ModelSignal signal, DateTimeOffset receivedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var writer = StateTable.NewRecorder();
        var row = new TableEntity(TableKeys.ModelSignals, TableKeys.Row("signal", signal.Model, signal.DeliveryId))
        {
            ["Model"] = signal.Model,
            ["DeliveryId"] = signal.DeliveryId,
            ["Kind"] = signal.Kind,
            ["Value"] = signal.Value.ToString(CultureInfo.InvariantCulture),
            ["ObservedAt"] = Stamps.Of(signal.ObservedAt),
            ["Source"] = signal.Source,
            ["ReceivedAt"] = Stamps.Of(receivedAt),
            ["Writer"] = writer,
        };
        var add = new TableTransactionAction(TableTransactionActionType.Add, row);
        if (await _table.CommitAsync([add], [], ct).ConfigureAwait(false) is not null)
        {
            return true;
        }

        // 409: recorded before, unless this is the SDK's retry of this very add after its answer was lost.
        return (await _table.GetAsync(TableKeys.ModelSignals, row.RowKey, ct).ConfigureAwait(false))
            ?.GetString("Writer") == writer;
    }

    public async Task<IReadOnlyList<ModelSignal>> LatestSignalsAsync(string model, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.ModelSignals, TableKeys.Row("signal", model));
        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows
            .GroupBy(e => e.GetString("Kind"), StringComparer.Ordinal)
            .Select(kind => kind
                .OrderByDescending(e => e.GetString("ObservedAt"), StringComparer.Ordinal)
                .ThenByDescending(e => e.GetString("ReceivedAt"), StringComparer.Ordinal)
                .ThenByDescending(e => e.Timestamp)
                .First())
            .OrderBy(e => e.GetString("Kind"), StringComparer.Ordinal)
            .Select(e => new ModelSignal(e.GetString("Model"), e.GetString("Kind"),
                decimal.Parse(e.GetString("Value"), NumberStyles.Float, CultureInfo.InvariantCulture),
                Stamps.Parse(e.GetString("ObservedAt")), e.GetString("Source"), e.GetString("DeliveryId")))];
    }

    /// <summary>One transaction: the audit sequence step, the audit line, the decision under the same number.</summary>
    public async Task RecordDecisionAsync(RetrainingRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await StateTable.UntilSettledAsync(async () =>
        {
            var audit = await AuditRows.ActionsAsync(_table, Audit(record), ct).ConfigureAwait(false);
            var decision = DecisionEntity(record, AuditRows.IdOf(audit));
            List<TableTransactionAction> all = [.. audit, new(TableTransactionActionType.Add, decision)];
            return await _table.CommitAsync(all, [], ct).ConfigureAwait(false);
        }, $"recording the retraining decision for {record.Model}", ct).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> LastQueuedAsync(string model, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "decision") + TableClient.CreateQueryFilter(
            $" and Model eq {model} and (LaunchStatus eq {"Queued"} or LaunchStatus eq {"AlreadyQueued"})");
        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows.Max(e => Stamps.Parse(e.GetString("At")));
    }

    public async Task<IReadOnlyList<RetrainingRecord>> ReadDecisionsAsync(
        string? model, int limit, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "decision");
        if (model is not null)
        {
            filter += TableClient.CreateQueryFilter($" and Model eq {model}");
        }

        var rows = await _table.QueryAsync(filter, ct, take: limit).ConfigureAwait(false);
        return [.. rows.Select(Decision)];
    }

    private static TableEntity DecisionEntity(RetrainingRecord record, long id)
    {
        var row = new TableEntity(TableKeys.Outbox, TableKeys.Row("decision", TableKeys.Descending(id)))
        {
            ["Model"] = record.Model,
            ["At"] = Stamps.Of(record.At),
            ["Verdict"] = record.Verdict.ToString(),
            ["Outcome"] = record.Outcome,
            ["TrainingJob"] = record.TrainingJob,
        };
        ChunkedText.Write(row, "Reason", record.Reason);
        ChunkedText.Write(row, "Evidence", JsonSerializer.Serialize(record.Evidence, Json));
        SetIfAny(row, "Budget", record.Budget);
        SetIfAny(row, "Estimate", record.Estimate?.Amount.ToString(CultureInfo.InvariantCulture));
        SetIfAny(row, "EstimateCurrency", record.Estimate?.Currency.Code);
        SetIfAny(row, "IdempotencyKey", record.IdempotencyKey);
        SetIfAny(row, "LaunchStatus", record.Launch?.Status.ToString());
        SetIfAny(row, "JobId", record.Launch?.JobId);
        SetIfAny(row, "LaunchDetail", record.Launch?.Detail);
        return row;
    }

    private static RetrainingRecord Decision(TableEntity e) =>
        new(e.GetString("Model"), Stamps.Parse(e.GetString("At")),
            Enum.Parse<RetrainingVerdict>(e.GetString("Verdict")), ChunkedText.Read(e, "Reason"),
            JsonSerializer.Deserialize<string[]>(ChunkedText.Read(e, "Evidence"), Json) ?? [],
            e.GetString("TrainingJob"))
        {
            Budget = e.GetString("Budget"),
            Estimate = e.GetString("Estimate") is { } amount
                ? new Money(decimal.Parse(amount, NumberStyles.Float, CultureInfo.InvariantCulture),
                    CurrencyCode.Parse(e.GetString("EstimateCurrency")))
                : null,
            IdempotencyKey = e.GetString("IdempotencyKey"),
            Launch = e.GetString("LaunchStatus") is { } status
                ? new RetrainingLaunch(Enum.Parse<RetrainingLaunchStatus>(status), e.GetString("JobId"),
                    e.GetString("LaunchDetail"))
                : null,
        };

    // The same line the SQLite store writes, so 'frugal history' reads alike on both.
    private static AuditEntry Audit(RetrainingRecord record)
    {
        var job = record.Launch?.JobId is { } id ? $" (training job {id})" : "";
        return new AuditEntry(record.At, AuditKind.Retraining,
            $"retraining {record.Model} with {record.TrainingJob}: {record.Outcome}{job}: {record.Reason}",
            record.Budget, record.IdempotencyKey, record.Outcome);
    }

    private static void SetIfAny(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
