using System.Globalization;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Engine.Money;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>Results and the usage read from them.</summary>
public sealed partial class SqliteGpuJobStore
{
    public async Task<bool> RecordResultAsync(GpuJobResult result, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = Connect();
        await using var transaction =
            (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var update = Command(connection, transaction, """
            UPDATE gpu_jobs SET state = $state, reason = COALESCE($error, reason), result = $result,
                model = $model, version = COALESCE($version, version), gpu_seconds = $seconds,
                predictions = $predictions, cost = $cost, currency = $currency, finished_at = $at, touched_at = $at
            WHERE id = $id AND result IS NULL;
            """);
        Bind(update, result, at);
        var written = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        if (written == 0)
        {
            // No row, or one that already has its result: insert only in the first case.
            await using var insert = Command(connection, transaction, """
                INSERT OR IGNORE INTO gpu_jobs (id, state, reason, result, model, version, gpu_seconds, predictions,
                    cost, currency, finished_at, touched_at)
                VALUES ($id, $state, $error, $result, $model, $version, $seconds, $predictions, $cost, $currency,
                    $at, $at);
                """);
            Bind(insert, result, at);
            written = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return written == 1;
    }

    /// <summary>
    /// Usage of jobs finished in the span, one row per model, version and currency. Batch jobs do not go through
    /// the worker's result cache, so their hits and misses are zero; online serving's live in the worker's metrics.
    /// </summary>
    public async Task<IReadOnlyList<ModelInferenceUsage>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var select = Command(connection, null, """
            SELECT model, COALESCE(version, ''), gpu_seconds, predictions, cost, currency FROM gpu_jobs
            WHERE result IS NOT NULL AND finished_at >= $from AND finished_at <= $to;
            """);
        select.Parameters.AddWithValue("$from", Stamp(from));
        select.Parameters.AddWithValue("$to", Stamp(to));
        var rows = new List<(string Model, string Version, decimal Seconds, long Predictions, Money Cost)>();
        await using (var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var cost = new Money(Amount(reader.GetString(4)), CurrencyCode.Parse(reader.GetString(5)));
                rows.Add((reader.GetString(0), reader.GetString(1), Amount(reader.GetString(2)), reader.GetInt64(3),
                    cost));
            }
        }

        return [.. rows
            .GroupBy(r => (r.Model, r.Version, r.Cost.Currency))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
            .Select(g => new ModelInferenceUsage(g.Key.Model, g.Key.Version, g.Sum(r => r.Predictions),
                g.Sum(r => r.Seconds), new Money(g.Sum(r => r.Cost.Amount), g.Key.Currency), 0, 0))];
    }

    private static void Bind(SqliteCommand command, GpuJobResult result, DateTimeOffset at)
    {
        command.Parameters.AddWithValue("$id", result.Id);
        command.Parameters.AddWithValue("$state", (result.Succeeded ? GpuJobState.Succeeded : GpuJobState.Failed)
            .ToString());
        command.Parameters.AddWithValue("$error", (object?)result.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$result", GpuJobJson.WriteResult(result));
        command.Parameters.AddWithValue("$model", result.Model);
        command.Parameters.AddWithValue("$version", (object?)result.Version ?? DBNull.Value);
        command.Parameters.AddWithValue("$seconds", result.GpuSeconds.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$predictions", result.Predictions);
        command.Parameters.AddWithValue("$cost", result.Cost.Amount.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$currency", result.Cost.Currency.Code);
        command.Parameters.AddWithValue("$at", Stamp(at));
    }

    private static decimal Amount(string text) =>
        decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
