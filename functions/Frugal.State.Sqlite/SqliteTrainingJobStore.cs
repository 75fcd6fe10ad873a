using System.Globalization;
using Frugal.Engine.Training;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>
/// The training queue in the same SQLite file as the rest of the state. An update is one
/// <c>UPDATE ... WHERE version = $expected</c>: of two writers that read the same version, exactly one changes a row.
/// </summary>
public sealed class SqliteTrainingJobStore : ITrainingJobStore
{
    private readonly string _connectionString;

    private SqliteTrainingJobStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the state at <paramref name="path"/>, schema brought up to date.</summary>
    public static SqliteTrainingJobStore Open(string path)
    {
        SqliteStateStore.Open(path);
        return new SqliteTrainingJobStore(ConnectionString(path, SqliteOpenMode.ReadWrite));
    }

    /// <summary>The queue of an existing state, read only; null when there is no state or no queue table yet.</summary>
    public static SqliteTrainingJobStore? OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        var store = new SqliteTrainingJobStore(ConnectionString(path, SqliteOpenMode.ReadOnly));
        using var connection = new SqliteConnection(store._connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'training_jobs';";
        return command.ExecuteScalar() is null ? null : store;
    }

    public async Task<bool> AddAsync(TrainingJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var insert = Command(connection, """
            INSERT OR IGNORE INTO training_jobs
                (id, state, finished, priority, submitted_at, version, payload, updated_at)
            VALUES ($id, $state, $finished, $priority, $submitted, 1, $payload, $updated);
            """, job with { Version = 1 });
        insert.Parameters.AddWithValue("$submitted", Stamp(job.SubmittedAt));
        return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    public async Task<TrainingJob?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM training_jobs WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string payload
            ? TrainingJobJson.Read(payload)
            : null;
    }

    public async Task<IReadOnlyList<TrainingJob>> ListAsync(bool includeFinished, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload FROM training_jobs WHERE finished = 0 OR $all = 1
            ORDER BY priority DESC, submitted_at, id;
            """;
        command.Parameters.AddWithValue("$all", includeFinished ? 1 : 0);
        var jobs = new List<TrainingJob>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            jobs.Add(TrainingJobJson.Read(reader.GetString(0)));
        }

        return jobs;
    }

    public async Task<TrainingJob?> TryReplaceAsync(TrainingJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var next = job with { Version = job.Version + 1 };
        await using var connection = await ConnectAsync(ct).ConfigureAwait(false);
        await using var update = Command(connection, """
            UPDATE training_jobs
            SET state = $state, finished = $finished, priority = $priority, version = $version, payload = $payload,
                updated_at = $updated
            WHERE id = $id AND version = $expected;
            """, next);
        update.Parameters.AddWithValue("$expected", job.Version);
        return await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1 ? next : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, TrainingJob job)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$state", job.State.ToString());
        command.Parameters.AddWithValue("$finished", job.IsSettled ? 1 : 0);
        command.Parameters.AddWithValue("$priority", job.Spec.Priority);
        command.Parameters.AddWithValue("$version", job.Version);
        command.Parameters.AddWithValue("$payload", TrainingJobJson.Write(job));
        command.Parameters.AddWithValue("$updated", Stamp(job.UpdatedAt));
        return command;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return connection;
    }
}
