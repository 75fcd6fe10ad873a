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

        // 2: the notification outbox, one row per event and channel; what an action saves, for the digest.
        // Notify actions of schema 1 still pending are settled as skipped, not moved into the new outbox: a schema-1
        // run that died before sending loses that one message (its payload has no event to render).
        """
        CREATE TABLE notifications (
            key TEXT PRIMARY KEY,
            event_key TEXT NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            budget TEXT,
            payload TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            due_at TEXT,
            lease_owner TEXT,
            detail TEXT,
            created_at TEXT NOT NULL,
            completed_at TEXT
        );
        CREATE INDEX notifications_due ON notifications (status, due_at);
        CREATE INDEX notifications_created ON notifications (created_at);
        ALTER TABLE actions ADD COLUMN saved_amount TEXT;
        ALTER TABLE actions ADD COLUMN saved_currency TEXT;
        CREATE INDEX actions_completed ON actions (completed_at);
        UPDATE actions SET status = 'Skipped', lease_owner = NULL, lease_until = NULL,
            detail = 'not sent: notifications moved to the notification outbox when the state was upgraded'
        WHERE kind = 'Notify' AND status IN ('Pending', 'Running');
        """,

        // 3: the model archive journal (SqliteArchiveJournal): one row per version change, one per object of it.
        """
        CREATE TABLE archive_journal (
            id TEXT PRIMARY KEY,
            registry TEXT NOT NULL,
            model TEXT NOT NULL,
            version TEXT NOT NULL,
            operation TEXT NOT NULL,
            from_tier TEXT NOT NULL,
            target_tier TEXT NOT NULL,
            state TEXT NOT NULL,
            rolling_back INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            detail TEXT,
            lease_owner TEXT,
            lease_until TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE UNIQUE INDEX archive_journal_unfinished ON archive_journal (registry, model, version)
            WHERE state IN ('Open', 'Rehydrating');
        CREATE INDEX archive_journal_started ON archive_journal (started_at);
        CREATE TABLE archive_journal_objects (
            journal_id TEXT NOT NULL REFERENCES archive_journal (id),
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (journal_id, name)
        );
        """,

        // 4: budget alerts pushed by the clouds (deduplicated by delivery id and by content) and the billing
        // accounts recorded before a project's billing was detached, so 'frugal billing attach' can restore them.
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

        // 5: the training queue, one row per job: the job as JSON, its version for compare-and-swap updates, and the
        // columns the queue is listed by.
        """
        CREATE TABLE training_jobs (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            finished INTEGER NOT NULL,
            priority INTEGER NOT NULL,
            submitted_at TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX training_jobs_queue ON training_jobs (finished, priority DESC, submitted_at);
        """,

        // 6: GPU jobs (SqliteGpuJobStore): one row per job id, its request, where it stands, and the worker's
        // first result, which is what usage per model version counts.
        """
        CREATE TABLE gpu_jobs (
            id TEXT PRIMARY KEY,
            budget TEXT,
            priority TEXT,
            request TEXT,
            state TEXT NOT NULL,
            reason TEXT,
            submitted_at TEXT,
            enqueued_at TEXT,
            model TEXT NOT NULL,
            version TEXT,
            result TEXT,
            gpu_seconds TEXT,
            predictions INTEGER,
            cost TEXT,
            currency TEXT,
            finished_at TEXT,
            touched_at TEXT NOT NULL
        );
        CREATE INDEX gpu_jobs_waiting ON gpu_jobs (state, submitted_at);
        CREATE INDEX gpu_jobs_finished ON gpu_jobs (finished_at);
        CREATE INDEX gpu_jobs_touched ON gpu_jobs (touched_at);
        """,

        // 7: model signals (once per model and delivery id) and retraining decisions with what the queue did.
        """
        CREATE TABLE model_signals (
            model TEXT NOT NULL,
            delivery_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            observed_at TEXT NOT NULL,
            source TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (model, delivery_id)
        );
        CREATE INDEX model_signals_latest ON model_signals (model, kind, observed_at);
        CREATE TABLE retraining_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            model TEXT NOT NULL,
            at TEXT NOT NULL,
            verdict TEXT NOT NULL,
            outcome TEXT NOT NULL,
            reason TEXT NOT NULL,
            evidence TEXT NOT NULL,
            training_job TEXT NOT NULL,
            budget TEXT,
            estimate TEXT,
            estimate_currency TEXT,
            idempotency_key TEXT,
            launch_status TEXT,
            job_id TEXT,
            launch_detail TEXT
        );
        CREATE INDEX retraining_decisions_model ON retraining_decisions (model, id);
        """,
    ];

    public static int Latest => Steps.Length;

    /// <summary>The first version with the budget_events and billing_detachments tables.</summary>
    public const int BudgetEventsVersion = 4;

    /// <summary>The first version with the model_signals and retraining_decisions tables.</summary>
    public const int RetrainingVersion = 7;

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
