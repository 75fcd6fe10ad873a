using System.Globalization;
using Frugal.Engine.ModelArchive;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>
/// The model archive journal in the same SQLite file as the rest of the state. Writers take the database lock up
/// front (<c>BEGIN IMMEDIATE</c>); a partial unique index keeps one unfinished entry per version, so two Frugal
/// processes never both start changing the same version.
/// </summary>
public sealed class SqliteArchiveJournal : IArchiveJournal
{
    private const string Columns = """
        id, registry, model, version, operation, from_tier, target_tier, state, rolling_back, attempts, detail,
        started_at, finished_at
        """;

    private readonly string _connectionString;

    private SqliteArchiveJournal(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating if needed) the state at <paramref name="path"/>, schema brought up to date.</summary>
    public static SqliteArchiveJournal Open(string path)
    {
        SqliteStateStore.Open(path);
        return new SqliteArchiveJournal(ConnectionString(path, SqliteOpenMode.ReadWrite));
    }

    /// <summary>The journal of an existing state, read only; null when there is no state or journal yet.</summary>
    public static SqliteArchiveJournal? OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        var journal = new SqliteArchiveJournal(ConnectionString(path, SqliteOpenMode.ReadOnly));
        using var connection = journal.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'archive_journal';";
        return command.ExecuteScalar() is null ? null : journal;
    }

    public async Task<bool> BeginAsync(ArchiveJournalEntry entry, ArchiveLease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = Connect();
        await using var transaction =
            (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var insert = Command(connection, transaction, """
            INSERT OR IGNORE INTO archive_journal (id, registry, model, version, operation, from_tier, target_tier,
                state, lease_owner, lease_until, started_at)
            VALUES ($id, $registry, $model, $version, $operation, $from, $target, 'Open', $owner, $until, $started);
            """))
        {
            insert.Parameters.AddWithValue("$id", entry.Id);
            insert.Parameters.AddWithValue("$registry", entry.Key.Registry);
            insert.Parameters.AddWithValue("$model", entry.Key.Model);
            insert.Parameters.AddWithValue("$version", entry.Key.Version);
            insert.Parameters.AddWithValue("$operation", entry.Operation.ToString());
            insert.Parameters.AddWithValue("$from", entry.From.ToString());
            insert.Parameters.AddWithValue("$target", entry.Target.ToString());
            insert.Parameters.AddWithValue("$owner", lease.Owner);
            insert.Parameters.AddWithValue("$until", Stamp(lease.Until));
            insert.Parameters.AddWithValue("$started", Stamp(entry.StartedAt));
            if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        await InsertObjectsAsync(connection, transaction, entry, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<ArchiveJournalEntry>> ClaimUnfinishedAsync(
        ArchiveLease lease, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = Connect();
        await using var transaction =
            (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var select = Command(connection, transaction, $"""
            SELECT {Columns} FROM archive_journal
            WHERE state IN ('Open', 'Rehydrating') AND (lease_until IS NULL OR lease_until <= $now)
            ORDER BY started_at, id;
            """);
        select.Parameters.AddWithValue("$now", Stamp(now));
        var entries = await ReadEntriesAsync(select, transaction, ct).ConfigureAwait(false);

        await using var update = Command(connection, transaction,
            "UPDATE archive_journal SET lease_owner = $owner, lease_until = $until WHERE id = $id;");
        update.Parameters.AddWithValue("$owner", lease.Owner);
        update.Parameters.AddWithValue("$until", Stamp(lease.Until));
        var id = update.Parameters.Add("$id", SqliteType.Text);
        foreach (var entry in entries)
        {
            id.Value = entry.Id;
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return entries;
    }

    public async Task MarkObjectDoneAsync(string entryId, string objectName, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = Command(connection, null,
            "UPDATE archive_journal_objects SET done = 1 WHERE journal_id = $id AND name = $name;");
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$name", objectName);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task SettleAsync(ArchiveSettlement settlement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var finished = settlement.State is ArchiveEntryState.Done or ArchiveEntryState.RolledBack;
        await using var connection = Connect();
        await using var command = Command(connection, null, """
            UPDATE archive_journal SET state = $state, attempts = $attempts, detail = $detail,
                lease_owner = NULL, lease_until = NULL, finished_at = $finished
            WHERE id = $id;
            """);
        command.Parameters.AddWithValue("$state", settlement.State.ToString());
        command.Parameters.AddWithValue("$attempts", settlement.Attempts);
        command.Parameters.AddWithValue("$detail", settlement.Detail);
        command.Parameters.AddWithValue("$finished", finished ? Stamp(settlement.At) : DBNull.Value);
        command.Parameters.AddWithValue("$id", settlement.EntryId);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task RollBackAsync(string entryId, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var transaction =
            (SqliteTransaction)await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, transaction, """
            UPDATE archive_journal SET rolling_back = 1, target_tier = from_tier, attempts = 0 WHERE id = $id;
            UPDATE archive_journal_objects SET done = 0 WHERE journal_id = $id;
            """);
        command.Parameters.AddWithValue("$id", entryId);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ArchiveJournalEntry>> ReadAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var select = Command(connection, null, $"""
            SELECT {Columns} FROM archive_journal
            WHERE state IN ('Open', 'Rehydrating') OR started_at >= $since
            ORDER BY started_at, id;
            """);
        select.Parameters.AddWithValue("$since", Stamp(since));
        return await ReadEntriesAsync(select, null, ct).ConfigureAwait(false);
    }

    private static async Task InsertObjectsAsync(
        SqliteConnection connection, SqliteTransaction transaction, ArchiveJournalEntry entry, CancellationToken ct)
    {
        await using var insert = Command(connection, transaction, """
            INSERT INTO archive_journal_objects (journal_id, name, position, done)
            VALUES ($id, $name, $position, $done);
            """);
        insert.Parameters.AddWithValue("$id", entry.Id);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var position = insert.Parameters.Add("$position", SqliteType.Integer);
        var done = insert.Parameters.Add("$done", SqliteType.Integer);
        for (var i = 0; i < entry.Objects.Count; i++)
        {
            name.Value = entry.Objects[i];
            position.Value = i;
            done.Value = entry.Done.Contains(entry.Objects[i]) ? 1 : 0;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<List<ArchiveJournalEntry>> ReadEntriesAsync(
        SqliteCommand select, SqliteTransaction? transaction, CancellationToken ct)
    {
        var entries = new List<ArchiveJournalEntry>();
        await using (var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                entries.Add(Entry(reader));
            }
        }

        await using var objects = Command(select.Connection!, transaction,
            "SELECT name, done FROM archive_journal_objects WHERE journal_id = $id ORDER BY position;");
        var id = objects.Parameters.Add("$id", SqliteType.Text);
        for (var i = 0; i < entries.Count; i++)
        {
            id.Value = entries[i].Id;
            var (names, done) = (new List<string>(), new HashSet<string>(StringComparer.Ordinal));
            await using var reader = await objects.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
                if (reader.GetInt32(1) == 1)
                {
                    done.Add(reader.GetString(0));
                }
            }

            entries[i] = entries[i] with { Objects = names, Done = done };
        }

        return entries;
    }

    private static ArchiveJournalEntry Entry(SqliteDataReader reader) =>
        new(reader.GetString(0),
            new ModelVersionKey(reader.GetString(1), reader.GetString(2), reader.GetString(3)),
            Enum.Parse<ArchiveOperation>(reader.GetString(4)),
            Enum.Parse<StorageTier>(reader.GetString(5)),
            Enum.Parse<StorageTier>(reader.GetString(6)),
            [],
            ParseStamp(reader.GetString(11)))
        {
            State = Enum.Parse<ArchiveEntryState>(reader.GetString(7)),
            RollingBack = reader.GetInt32(8) == 1,
            Attempts = reader.GetInt32(9),
            Detail = reader.IsDBNull(10) ? null : reader.GetString(10),
            FinishedAt = reader.IsDBNull(12) ? null : ParseStamp(reader.GetString(12)),
        };

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

}
