using System.Globalization;
using System.Text.Json;
using Frugal.Engine.Money;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>Model signals and retraining decisions; each decision is written with its audit line.</summary>
public sealed partial class SqliteStateStore : IModelSignalStore
{
    private const string DecisionColumns = """
        model, at, verdict, reason, evidence, training_job, budget, estimate, estimate_currency, idempotency_key,
        launch_status, job_id, launch_detail
        """;

    public async Task<bool> AppendSignalAsync(ModelSignal signal, DateTimeOffset receivedAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(signal);
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO model_signals
                (model, delivery_id, kind, value, observed_at, source, received_at)
            VALUES ($model, $id, $kind, $value, $observed, $source, $received);
            """;
        command.Parameters.AddWithValue("$model", signal.Model);
        command.Parameters.AddWithValue("$id", signal.DeliveryId);
        command.Parameters.AddWithValue("$kind", signal.Kind);
        command.Parameters.AddWithValue("$value", signal.Value.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$observed", Stamp(signal.ObservedAt));
        command.Parameters.AddWithValue("$source", signal.Source);
        command.Parameters.AddWithValue("$received", Stamp(receivedAt));
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ModelSignal>> LatestSignalsAsync(string model, CancellationToken ct)
    {
        await using var connection = Connect();
        if (SqliteMigrations.CurrentVersion(connection) < SqliteMigrations.RetrainingVersion)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT model, kind, value, observed_at, source, delivery_id FROM (
                SELECT *, ROW_NUMBER() OVER (
                    PARTITION BY kind ORDER BY observed_at DESC, received_at DESC, rowid DESC) AS position
                FROM model_signals WHERE model = $model)
            WHERE position = 1 ORDER BY kind;
            """;
        command.Parameters.AddWithValue("$model", model);
        var signals = new List<ModelSignal>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            signals.Add(new ModelSignal(reader.GetString(0), reader.GetString(1),
                decimal.Parse(reader.GetString(2), NumberStyles.Float, CultureInfo.InvariantCulture),
                ParseStamp(reader.GetString(3)), reader.GetString(4), reader.GetString(5)));
        }

        return signals;
    }

    public async Task RecordDecisionAsync(RetrainingRecord record, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"""
                INSERT INTO retraining_decisions ({DecisionColumns}, outcome)
                VALUES ($model, $at, $verdict, $reason, $evidence, $job, $budget, $estimate, $currency, $key,
                    $launch, $jobId, $detail, $outcome);
                """;
            AddDecisionParameters(insert, record);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await InsertAuditAsync(connection, transaction, Audit(record), ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> LastQueuedAsync(string model, CancellationToken ct)
    {
        await using var connection = Connect();
        if (SqliteMigrations.CurrentVersion(connection) < SqliteMigrations.RetrainingVersion)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MAX(at) FROM retraining_decisions
            WHERE model = $model AND launch_status IN ('Queued', 'AlreadyQueued');
            """;
        command.Parameters.AddWithValue("$model", model);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string at ? ParseStamp(at) : null;
    }

    public async Task<IReadOnlyList<RetrainingRecord>> ReadDecisionsAsync(
        string? model, int limit, CancellationToken ct)
    {
        await using var connection = Connect();
        if (SqliteMigrations.CurrentVersion(connection) < SqliteMigrations.RetrainingVersion)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {DecisionColumns} FROM retraining_decisions
            WHERE $model IS NULL OR model = $model ORDER BY id DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$model", (object?)model ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<RetrainingRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            records.Add(Decision(reader));
        }

        return records;
    }

    private static void AddDecisionParameters(SqliteCommand command, RetrainingRecord record)
    {
        command.Parameters.AddWithValue("$model", record.Model);
        command.Parameters.AddWithValue("$at", Stamp(record.At));
        command.Parameters.AddWithValue("$verdict", record.Verdict.ToString());
        command.Parameters.AddWithValue("$reason", record.Reason);
        command.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(record.Evidence, Json));
        command.Parameters.AddWithValue("$job", record.TrainingJob);
        command.Parameters.AddWithValue("$budget", (object?)record.Budget ?? DBNull.Value);
        command.Parameters.AddWithValue("$estimate",
            (object?)record.Estimate?.Amount.ToString(CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$currency", (object?)record.Estimate?.Currency.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)record.IdempotencyKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$launch", (object?)record.Launch?.Status.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$jobId", (object?)record.Launch?.JobId ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)record.Launch?.Detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcome", record.Outcome);
    }

    private static RetrainingRecord Decision(SqliteDataReader reader) =>
        new(reader.GetString(0), ParseStamp(reader.GetString(1)), Enum.Parse<RetrainingVerdict>(reader.GetString(2)),
            reader.GetString(3), JsonSerializer.Deserialize<string[]>(reader.GetString(4), Json) ?? [],
            reader.GetString(5))
        {
            Budget = reader.IsDBNull(6) ? null : reader.GetString(6),
            Estimate = reader.IsDBNull(7) ? null : new Money(
                decimal.Parse(reader.GetString(7), NumberStyles.Float, CultureInfo.InvariantCulture),
                CurrencyCode.Parse(reader.GetString(8))),
            IdempotencyKey = reader.IsDBNull(9) ? null : reader.GetString(9),
            Launch = reader.IsDBNull(10) ? null : new RetrainingLaunch(
                Enum.Parse<RetrainingLaunchStatus>(reader.GetString(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)),
        };

    private static AuditEntry Audit(RetrainingRecord record)
    {
        var job = record.Launch?.JobId is { } id ? $" (training job {id})" : "";
        return new AuditEntry(record.At, AuditKind.Retraining,
            $"retraining {record.Model} with {record.TrainingJob}: {record.Outcome}{job}: {record.Reason}",
            record.Budget, record.IdempotencyKey, record.Outcome);
    }
}
