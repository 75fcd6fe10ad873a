using Microsoft.Data.Sqlite;

namespace Frugal.State.Sqlite;

/// <summary>
/// The schema, as an ordered list of migrations. The database's <c>user_version</c> is the number applied; each
/// migration runs in its own transaction, so a database is always at one version or the next, never between.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE crossings (
            key TEXT PRIMARY KEY,
            budget TEXT NOT NULL,
            period TEXT NOT NULL,
            threshold TEXT NOT NULL,
            spend TEXT NOT NULL,
            level TEXT NOT NULL,
            currency TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE TABLE actions (
            key TEXT PRIMARY KEY,
            crossing_key TEXT NOT NULL,
            budget TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT,
            lease_until TEXT,
            detail TEXT,
            created_at TEXT NOT NULL,
            completed_at TEXT
        );
        CREATE INDEX actions_pending ON actions (status, lease_until);
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            budget TEXT,
            key TEXT,
            outcome TEXT,
            summary TEXT NOT NULL
        );
        CREATE INDEX audit_budget ON audit (budget, id);
        """,
        """
        CREATE TABLE budget_events (
            event_id TEXT PRIMARY KEY,
            content_key TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            cloud_budget TEXT NOT NULL,
            anchor TEXT NOT NULL,
            payload TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX budget_events_anchor ON budget_events (anchor);
        CREATE TABLE billing_detachments (
            project TEXT PRIMARY KEY,
            billing_account TEXT NOT NULL,
            detached_at TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """,
    ];

    public static int Latest => Steps.Length;

    /// <summary>The first version with the budget_events and billing_detachments tables.</summary>
    public const int BudgetEventsVersion = 2;

    public static void Apply(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current > Latest)
        {
            throw new Frugal.Engine.State.StateSchemaException(
                $"the state database is at schema version {current}, newer than this Frugal knows ({Latest}); " +
                "upgrade Frugal or point it at another state file");
        }

        for (var version = current; version < Latest; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
