using System.Globalization;
using System.Text.Json;
using Frugal.Engine.Money;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.State;
using Microsoft.Data.Sqlite;
using static Frugal.State.Sqlite.SqliteFile;

namespace Frugal.State.Sqlite;

/// <summary>
/// The notification outbox: one row per event and channel, keyed by the idempotency key, so recording an event
/// twice (two runs, two processes) leaves one row, and a delivered row is never leased again.
/// </summary>
public sealed partial class SqliteStateStore
{
    private const string NotificationColumns =
        "key, channel, payload, status, attempts, created_at, detail, completed_at";

    public async Task<IReadOnlyList<NotificationEnvelope>> RecordEventAsync(
        AuditEntry entry, IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(notifications);
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);
        await InsertAuditAsync(connection, transaction, entry, ct).ConfigureAwait(false);
        var fresh = await InsertNotificationsAsync(connection, transaction, notifications, entry.At, ct)
            .ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return fresh;
    }

    public async Task<IReadOnlyList<NotificationRecord>> LeasePendingNotificationsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);

        List<NotificationRecord> leased;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""
                SELECT {NotificationColumns} FROM notifications
                WHERE status IN ('Pending', 'Sending') AND (due_at IS NULL OR due_at <= $now)
                ORDER BY created_at, rowid LIMIT $max;
                """;
            select.Parameters.AddWithValue("$now", Stamp(now));
            select.Parameters.AddWithValue("$max", max);
            leased = await ReadNotificationRowsAsync(select, ct).ConfigureAwait(false);
        }

        await MarkLeasedAsync(
            transaction,
            "UPDATE notifications SET status = 'Sending', lease_owner = $owner, due_at = $until WHERE key = $key;",
            owner, until, leased.Select(r => r.Envelope.Key), ct).ConfigureAwait(false);

        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return [.. leased.Select(r => r with { Status = NotificationStatus.Sending })];
    }

    public async Task CompleteNotificationAsync(
        string key, NotificationAttempt attempt, AuditEntry audit, IReadOnlyList<NotificationEnvelope> followUps,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(followUps);
        await using var connection = Connect();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct)
            .ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE notifications SET status = $status, detail = $detail, attempts = attempts + $attempted,
                    lease_owner = NULL, due_at = $due, completed_at = $completed
                WHERE key = $key;
                """;
            var pending = attempt.Status == NotificationStatus.Pending;
            command.Parameters.AddWithValue("$status", attempt.Status.ToString());
            command.Parameters.AddWithValue("$detail", attempt.Detail);
            command.Parameters.AddWithValue("$attempted", attempt.Attempted ? 1 : 0);
            command.Parameters.AddWithValue("$due", attempt.RetryAt is { } due ? Stamp(due) : DBNull.Value);
            command.Parameters.AddWithValue("$completed", pending ? DBNull.Value : Stamp(audit.At));
            command.Parameters.AddWithValue("$key", key);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await InsertAuditAsync(connection, transaction, audit, ct).ConfigureAwait(false);
        await InsertNotificationsAsync(connection, transaction, followUps, audit.At, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextNotificationDueAsync(CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT MIN(COALESCE(due_at, created_at)) FROM notifications WHERE status = 'Pending';";
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is string due ? ParseStamp(due) : null;
    }

    public async Task<IReadOnlyList<NotificationRecord>> ReadNotificationsAsync(
        NotificationQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {NotificationColumns} FROM notifications
            WHERE ($status IS NULL OR status = $status) AND ($channel IS NULL OR channel = $channel)
            ORDER BY created_at DESC, rowid DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$status", (object?)query.Status?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$channel", (object?)query.Channel ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        return await ReadNotificationRowsAsync(command, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SettledAction>> ActionsSettledAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payload, status, detail, completed_at, saved_amount, saved_currency FROM actions
            WHERE completed_at >= $from AND completed_at <= $to AND status <> 'Pending' AND status <> 'Running'
            ORDER BY completed_at, rowid;
            """;
        command.Parameters.AddWithValue("$from", Stamp(from));
        command.Parameters.AddWithValue("$to", Stamp(to));
        var settled = new List<SettledAction>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var action = JsonSerializer.Deserialize<PlannedAction>(reader.GetString(0), Json)
                ?? throw new InvalidDataException("an action row holds no payload");
            Money? saved = reader.IsDBNull(4) || reader.IsDBNull(5)
                ? null
                : new Money(decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                    CurrencyCode.Parse(reader.GetString(5)));
            settled.Add(new SettledAction(action, Enum.Parse<ActionStatus>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2), ParseStamp(reader.GetString(3)), saved));
        }

        return settled;
    }

    /// <summary>Inserts the notifications not recorded yet; returns those that were new.</summary>
    private static async Task<IReadOnlyList<NotificationEnvelope>> InsertNotificationsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NotificationEnvelope> notifications,
        DateTimeOffset at, CancellationToken ct)
    {
        var fresh = new List<NotificationEnvelope>();
        if (notifications.Count == 0)
        {
            return fresh;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO notifications
                (key, event_key, channel, kind, severity, budget, payload, status, created_at)
            VALUES ($key, $event, $channel, $kind, $severity, $budget, $payload, 'Pending', $at);
            """;
        foreach (var envelope in notifications)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$key", envelope.Key);
            insert.Parameters.AddWithValue("$event", envelope.Event.Key);
            insert.Parameters.AddWithValue("$channel", envelope.Channel);
            insert.Parameters.AddWithValue("$kind", envelope.Event.Kind.ToString());
            insert.Parameters.AddWithValue("$severity", envelope.Event.Severity.ToString());
            insert.Parameters.AddWithValue("$budget", (object?)envelope.Event.Budget?.Name ?? DBNull.Value);
            insert.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(envelope.Event, Json));
            insert.Parameters.AddWithValue("$at", Stamp(at));
            if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
            {
                fresh.Add(envelope);
            }
        }

        return fresh;
    }

    private static async Task<List<NotificationRecord>> ReadNotificationRowsAsync(
        SqliteCommand command, CancellationToken ct)
    {
        var rows = new List<NotificationRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var notification = JsonSerializer.Deserialize<NotificationEvent>(reader.GetString(2), Json)
                ?? throw new InvalidDataException("a notification row holds no payload");
            rows.Add(new NotificationRecord(
                new NotificationEnvelope(reader.GetString(1), notification),
                Enum.Parse<NotificationStatus>(reader.GetString(3)),
                reader.GetInt32(4),
                ParseStamp(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : ParseStamp(reader.GetString(7))));
        }

        return rows;
    }
}
