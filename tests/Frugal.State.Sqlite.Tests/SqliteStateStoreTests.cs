using Frugal.Engine.Notifications;
using Frugal.Engine.State;
using Microsoft.Data.Sqlite;

namespace Frugal.State.Sqlite.Tests;

/// <summary>What only the SQLite store has: its schema, migrations and read-only opening.</summary>
public sealed class SqliteStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset February = new(2021, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    [Fact]
    public void Open_NewFile_AppliesLatestSchema()
    {
        var store = SqliteStateStore.Open(_db.Path);

        Assert.Equal(SqliteMigrations.Latest, store.SchemaVersion);
    }

    [Fact]
    public void Open_NewerSchemaThanKnown_RefusesWithReason()
    {
        SqliteStateStore.Open(_db.Path);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<Frugal.Engine.State.StateSchemaException>(() => SqliteStateStore.Open(_db.Path));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SchemaOneWithPendingNotify_UpgradesAndSettlesTheOldNotify()
    {
        using (var connection = new SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SchemaOne + """
                INSERT INTO actions (key, crossing_key, budget, kind, payload, status, created_at)
                VALUES ('k', 'c', 'ml', 'Notify', '{}', 'Pending', '2026-11-01T00:00:00.0000000Z');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        var store = SqliteStateStore.Open(_db.Path);

        Assert.Equal(SqliteMigrations.Latest, store.SchemaVersion);
        var row = Assert.Single(await store.ActionsAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.Skipped, row.Status);
        Assert.Empty(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
    }

    private const string SchemaOne = """
        CREATE TABLE crossings (key TEXT PRIMARY KEY, budget TEXT NOT NULL, period TEXT NOT NULL,
            threshold TEXT NOT NULL, spend TEXT NOT NULL, level TEXT NOT NULL, currency TEXT NOT NULL,
            at TEXT NOT NULL);
        CREATE TABLE actions (key TEXT PRIMARY KEY, crossing_key TEXT NOT NULL, budget TEXT NOT NULL,
            kind TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT, lease_until TEXT, detail TEXT, created_at TEXT NOT NULL, completed_at TEXT);
        CREATE INDEX actions_pending ON actions (status, lease_until);
        CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL,
            budget TEXT, key TEXT, outcome TEXT, summary TEXT NOT NULL);
        CREATE INDEX audit_budget ON audit (budget, id);
        """;

    [Fact]
    public async Task ReadSinceAsync_ReadOnlyDatabaseOfTheFirstSchema_HasNoEvents()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        var store = SqliteStateStore.OpenReadOnly(_db.Path)!;

        Assert.Empty(await store.ReadSinceAsync(February, CancellationToken.None));
    }

    public void Dispose() => _db.Dispose();
}
