using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.State;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>
/// The embedded state store: one SQLite file in WAL mode. Writers take the database lock up front
/// (<c>BEGIN IMMEDIATE</c>), so two Frugal processes on the same file never both record a crossing or lease an action.
/// </summary>
public sealed partial class SqliteStateStore : IStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _connectionString;

    private SqliteStateStore(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and migrates it.</summary>
    public static SqliteStateStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var store = new SqliteStateStore(ConnectionString(path, SqliteOpenMode.ReadWriteCreate));
        using var connection = store.Connect();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL;";
            pragma.ExecuteNonQuery();
        }

        SqliteMigrations.Apply(connection);
        return store;
    }

    /// <summary>
    /// Opens an existing database for reading only, with no migration: for commands that must change nothing.
    /// Returns null when there is no database yet (nothing has ever fired).
    /// </summary>
    public static SqliteStateStore? OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        return new SqliteStateStore(ConnectionString(path, SqliteOpenMode.ReadOnly));
    }

    public int SchemaVersion
    {
        get
        {
            using var connection = Connect();
            return SqliteMigrations.CurrentVersion(connection);
        }
    }

    public async Task<IReadOnlySet<string>> FiredCrossingsAsync(
        IReadOnlyCollection<string> crossingKeys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crossingKeys);
        var fired = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM crossings WHERE key = $key;";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var crossingKey in crossingKeys)
        {
            key.Value = crossingKey;
            if (await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            {
                fired.Add(crossingKey);
            }
        }

        return fired;
    }

    public async Task<bool> RecordCrossingAsync(
        CrossingRecord crossing, IReadOnlyList<PlannedAction> actions,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(notifications);
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT OR IGNORE INTO crossings (key, budget, period, threshold, spend, level, currency, at)
                VALUES ($key, $budget, $period, $threshold, $spend, $level, $currency, $at);
                """;
            insert.Parameters.AddWithValue("$key", crossing.Key);
            insert.Parameters.AddWithValue("$budget", crossing.Budget);
            insert.Parameters.AddWithValue("$period", crossing.Period);
            insert.Parameters.AddWithValue("$threshold", crossing.ThresholdId);
            insert.Parameters.AddWithValue("$spend", crossing.Spend.ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$level", crossing.Level.ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$currency", crossing.Currency);
            insert.Parameters.AddWithValue("$at", Stamp(crossing.At));
            if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        foreach (var action in actions)
        {
            await InsertActionAsync(connection, transaction, action, crossing.At, ct).ConfigureAwait(false);
        }

        await InsertNotificationsAsync(connection, transaction, notifications, crossing.At, ct).ConfigureAwait(false);

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);

        var leased = new List<ActionRecord>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = """
                SELECT payload, attempts, created_at FROM actions
                WHERE status IN ('Pending', 'Running') AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY created_at, rowid LIMIT $max;
                """;
            select.Parameters.AddWithValue("$now", Stamp(now));
            select.Parameters.AddWithValue("$max", max);
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var action = JsonSerializer.Deserialize<PlannedAction>(reader.GetString(0), Json)
                    ?? throw new InvalidDataException("an action row holds no payload");
                leased.Add(new ActionRecord(
                    action, ActionStatus.Running, reader.GetInt32(1), ParseStamp(reader.GetString(2))));
            }
        }

        await MarkLeasedAsync(
            transaction,
            "UPDATE actions SET status = 'Running', lease_owner = $owner, lease_until = $until WHERE key = $key;",
            owner, until, leased.Select(r => r.Action.IdempotencyKey), ct).ConfigureAwait(false);

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return leased;
    }

    public async Task CompleteActionAsync(
        string idempotencyKey, ActionResult result, DateTimeOffset at,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(notifications);
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE actions SET status = $status, detail = $detail, attempts = attempts + 1,
                    lease_owner = NULL, lease_until = $retry, completed_at = $completed,
                    saved_amount = $saved, saved_currency = $currency
                WHERE key = $key;
                """;
            command.Parameters.AddWithValue("$status", result.Status.ToString());
            command.Parameters.AddWithValue("$detail", result.Detail);
            command.Parameters.AddWithValue("$retry", result.RetryAt is { } retry ? Stamp(retry) : DBNull.Value);
            command.Parameters.AddWithValue(
                "$completed", result.Status == ActionStatus.Pending ? DBNull.Value : Stamp(at));
            command.Parameters.AddWithValue("$saved",
                result.Saved is { } saved ? saved.Amount.ToString(CultureInfo.InvariantCulture) : DBNull.Value);
            command.Parameters.AddWithValue("$currency",
                result.Saved is { } money ? money.Currency.Code : DBNull.Value);
            command.Parameters.AddWithValue("$key", idempotencyKey);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await InsertNotificationsAsync(connection, transaction, notifications, at, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = Connect();
        await InsertAuditAsync(connection, null, entry, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, at, kind, budget, key, outcome, summary FROM audit
            WHERE ($budget IS NULL OR budget = $budget) AND ($kind IS NULL OR kind = $kind)
            ORDER BY id DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$budget", (object?)query.Budget ?? DBNull.Value);
        command.Parameters.AddWithValue("$kind", (object?)query.Kind?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);

        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                ParseStamp(reader.GetString(1)),
                Enum.Parse<AuditKind>(reader.GetString(2)),
                reader.GetString(6),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetInt64(0)));
        }

        return entries;
    }

    /// <summary>All actions with their status, oldest first; for history and tests.</summary>
    public async Task<IReadOnlyList<(string Key, ActionStatus Status, int Attempts, string? Detail)>> ActionsAsync(
        CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, status, attempts, detail FROM actions ORDER BY created_at, rowid;";
        var rows = new List<(string, ActionStatus, int, string?)>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), Enum.Parse<ActionStatus>(reader.GetString(1)), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Runs a lease update ($owner, $until, $key) once per key, in the caller's transaction.</summary>
    private static async Task MarkLeasedAsync(
        SqliteTransaction transaction, string sql, string owner, DateTimeOffset until, IEnumerable<string> keys,
        CancellationToken ct)
    {
        await using var update = transaction.Connection!.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = sql;
        update.Parameters.AddWithValue("$owner", owner);
        update.Parameters.AddWithValue("$until", Stamp(until));
        var key = update.Parameters.Add("$key", SqliteType.Text);
        foreach (var value in keys)
        {
            key.Value = value;
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task InsertActionAsync(
        SqliteConnection connection, SqliteTransaction transaction, PlannedAction action, DateTimeOffset at,
        CancellationToken ct)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO actions (key, crossing_key, budget, kind, payload, status, created_at)
            VALUES ($key, $crossing, $budget, $kind, $payload, 'Pending', $at);
            """;
        insert.Parameters.AddWithValue("$key", action.IdempotencyKey);
        insert.Parameters.AddWithValue("$crossing", action.CrossingKey);
        insert.Parameters.AddWithValue("$budget", action.Budget);
        insert.Parameters.AddWithValue("$kind", action.Kind.ToString());
        insert.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(action, Json));
        insert.Parameters.AddWithValue("$at", Stamp(at));
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task InsertAuditAsync(
        SqliteConnection connection, SqliteTransaction? transaction, AuditEntry entry, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO audit (at, kind, budget, key, outcome, summary)
            VALUES ($at, $kind, $budget, $key, $outcome, $summary);
            """;
        command.Parameters.AddWithValue("$at", Stamp(entry.At));
        command.Parameters.AddWithValue("$kind", entry.Kind.ToString());
        command.Parameters.AddWithValue("$budget", (object?)entry.Budget ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)entry.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("$outcome", (object?)entry.Outcome ?? DBNull.Value);
        command.Parameters.AddWithValue("$summary", entry.Summary);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

}
