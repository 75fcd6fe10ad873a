using System.Globalization;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>
/// GPU jobs in the same SQLite file as the rest of the state: one row per job id (<c>INSERT OR IGNORE</c>, so an id
/// submitted twice is one job) holding the request, where it stands and the worker's first result (a result is
/// written only where none is, so one delivered twice counts once). Usage per model version is read from it.
/// </summary>
public sealed partial class SqliteGpuJobStore : IGpuJobStore, IInferenceUsage
{
    private const string Columns =
        "id, request, state, reason, submitted_at, enqueued_at, finished_at, result, model, version";

    private readonly string _connectionString;

    private SqliteGpuJobStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the state at <paramref name="path"/>, schema brought up to date.</summary>
    public static SqliteGpuJobStore Open(string path)
    {
        SqliteStateStore.Open(path);
        return new SqliteGpuJobStore(ConnectionString(path, SqliteOpenMode.ReadWrite));
    }

    /// <summary>The jobs of an existing state, read only; null when there is no state or no job table yet.</summary>
    public static SqliteGpuJobStore? OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        var store = new SqliteGpuJobStore(ConnectionString(path, SqliteOpenMode.ReadOnly));
        using var connection = store.Connect();
        using var command = Command(connection, null,
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gpu_jobs';");
        return command.ExecuteScalar() is null ? null : store;
    }

    public async Task<GpuJobRecording> SubmitAsync(
        GpuJobRequest request, GpuJobState state, string reason, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = Connect();
        await using var transaction =
            (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var insert = Command(connection, transaction, """
            INSERT OR IGNORE INTO gpu_jobs (id, budget, priority, request, state, reason, submitted_at, model,
                version, touched_at)
            VALUES ($id, $budget, $priority, $request, $state, $reason, $at, $model, $version, $at);
            """);
        insert.Parameters.AddWithValue("$id", request.Id);
        insert.Parameters.AddWithValue("$budget", request.Budget);
        insert.Parameters.AddWithValue("$priority", GpuJobWords.Of(request.Priority));
        insert.Parameters.AddWithValue("$request", GpuJobJson.WriteRequest(request));
        insert.Parameters.AddWithValue("$state", state.ToString());
        insert.Parameters.AddWithValue("$reason", reason);
        insert.Parameters.AddWithValue("$at", Stamp(at));
        insert.Parameters.AddWithValue("$model", request.Model);
        insert.Parameters.AddWithValue("$version", (object?)request.Version ?? DBNull.Value);
        var created = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;

        var job = await FindAsync(connection, transaction, request.Id, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return new GpuJobRecording(job!, created);
    }

    public async Task MarkEnqueuedAsync(string id, string reason, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = Command(connection, null, """
            UPDATE gpu_jobs SET state = 'Enqueued', reason = $reason, enqueued_at = $at, touched_at = $at
            WHERE id = $id AND state IN ('Submitted', 'Held');
            """);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$at", Stamp(at));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task MarkHeldAsync(string id, string reason, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = Command(connection, null,
            "UPDATE gpu_jobs SET state = 'Held', reason = $reason WHERE id = $id AND state IN ('Submitted', 'Held');");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$reason", reason);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GpuJob>> ReadWaitingAsync(CancellationToken ct)
    {
        await using var connection = Connect();
        await using var select = Command(connection, null, $"""
            SELECT {Columns} FROM gpu_jobs
            WHERE state IN ('Submitted', 'Held') AND request IS NOT NULL
            ORDER BY submitted_at, id;
            """);
        return await ReadJobsAsync(select, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<GpuJob>> ReadRecentAsync(int limit, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var select = Command(connection, null,
            $"SELECT {Columns} FROM gpu_jobs ORDER BY touched_at DESC, id LIMIT $limit;");
        select.Parameters.AddWithValue("$limit", limit);
        return await ReadJobsAsync(select, ct).ConfigureAwait(false);
    }

    private static async Task<GpuJob?> FindAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string id, CancellationToken ct)
    {
        await using var select = Command(connection, transaction, $"SELECT {Columns} FROM gpu_jobs WHERE id = $id;");
        select.Parameters.AddWithValue("$id", id);
        var jobs = await ReadJobsAsync(select, ct).ConfigureAwait(false);
        return jobs.Count == 0 ? null : jobs[0];
    }

    private static async Task<List<GpuJob>> ReadJobsAsync(SqliteCommand select, CancellationToken ct)
    {
        var jobs = new List<GpuJob>();
        await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            jobs.Add(JobOf(reader));
        }

        return jobs;
    }

    private static GpuJob JobOf(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Request = reader.IsDBNull(1) ? null : GpuJobJson.ReadRequest(reader.GetString(1)),
        State = Enum.Parse<GpuJobState>(reader.GetString(2)),
        Reason = reader.IsDBNull(3) ? null : reader.GetString(3),
        SubmittedAt = OptionalStamp(reader, 4),
        EnqueuedAt = OptionalStamp(reader, 5),
        FinishedAt = OptionalStamp(reader, 6),
        Result = reader.IsDBNull(7) ? null : GpuJobJson.ReadResult(reader.GetString(0), reader.GetString(7)),
    };

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

}
