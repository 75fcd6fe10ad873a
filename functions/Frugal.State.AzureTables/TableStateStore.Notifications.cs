using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Frugal.Engine.Money;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables;

/// <summary>
/// The notification outbox: one row per event and channel, keyed by the idempotency key. A row is added only when
/// missing (the transaction fails with 409 if another writer added it meanwhile, and the step is decided again).
/// </summary>
public sealed partial class TableStateStore
{
    /// <summary>One transaction: the audit line (with its sequence step) and the notifications not there yet.</summary>
    public async Task<IReadOnlyList<NotificationEnvelope>> RecordEventAsync(
        AuditEntry entry, IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(notifications);
        var rows = notifications.Select((n, i) => NotificationEntity(n, entry.At, i)).ToList();
        var inserted = await StateTable.UntilSettledAsync(async () =>
        {
            var audit = await AuditActionsAsync(entry, ct).ConfigureAwait(false);
            return await _table.CommitAsync(audit, rows, ct).ConfigureAwait(false);
        }, "recording an event", ct).ConfigureAwait(false);
        var fresh = inserted.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        return [.. notifications.Where(n => fresh.Remove(NotificationRow(n.Key)))];
    }

    public async Task<IReadOnlyList<NotificationRecord>> LeasePendingNotificationsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "notification")
            + " and (Status eq 'Pending' or Status eq 'Sending')";
        var due = (await _table.QueryAsync(filter, ct).ConfigureAwait(false))
            .Where(e => Stamps.ParseOrNull(e.GetString("DueAt")) is not { } at || at <= now)
            .OrderBy(e => e.GetString("Order"), StringComparer.Ordinal);

        var leased = new List<NotificationRecord>();
        foreach (var entity in due)
        {
            if (leased.Count >= max)
            {
                break;
            }

            entity["Status"] = nameof(NotificationStatus.Sending);
            entity["LeaseOwner"] = owner;
            entity["DueAt"] = Stamps.Of(until);
            if (await _table.TryReplaceAsync(entity, ct).ConfigureAwait(false))
            {
                leased.Add(ReadNotification(entity));
            }
        }

        return leased;
    }

    /// <summary>One transaction: the attempt (conditional on what was read), its audit line and follow-ups.</summary>
    public async Task CompleteNotificationAsync(
        string key, NotificationAttempt attempt, AuditEntry audit, IReadOnlyList<NotificationEnvelope> followUps,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(followUps);
        var rows = followUps.Select((n, i) => NotificationEntity(n, audit.At, i)).ToList();
        await StateTable.UntilSettledAsync(async () =>
        {
            var steps = await AuditActionsAsync(audit, ct).ConfigureAwait(false);
            if (await _table.GetAsync(TableKeys.Outbox, NotificationRow(key), ct).ConfigureAwait(false) is { } row)
            {
                Settle(row, attempt, audit.At);
                steps.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
            }

            return await _table.CommitAsync(steps, rows, ct).ConfigureAwait(false);
        }, $"completing notification {key}", ct).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextNotificationDueAsync(CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "notification") + " and Status eq 'Pending'";
        var pending = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return pending.Count == 0
            ? null
            : pending.Min(e => Stamps.Parse(e.GetString("DueAt") ?? e.GetString("CreatedAt")));
    }

    /// <summary>
    /// Newest first. The outbox is read whole and filtered here; a very long history would want a second,
    /// time-ordered index row per notification, which nothing needs yet.
    /// </summary>
    public async Task<IReadOnlyList<NotificationRecord>> ReadNotificationsAsync(
        NotificationQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "notification");
        if (query.Status is { } status)
        {
            filter += TableClient.CreateQueryFilter($" and Status eq {status.ToString()}");
        }

        if (query.Channel is { } channel)
        {
            filter += TableClient.CreateQueryFilter($" and Channel eq {channel}");
        }

        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows.OrderByDescending(e => e.GetString("Order"), StringComparer.Ordinal)
            .Take(query.Limit).Select(ReadNotification)];
    }

    public async Task<IReadOnlyList<SettledAction>> ActionsSettledAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "action") + TableClient.CreateQueryFilter(
            $" and CompletedAt ge {Stamps.Of(from)} and CompletedAt le {Stamps.Of(to)}");
        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows
            .Where(e => e.GetString("Status") is not (nameof(ActionStatus.Pending) or nameof(ActionStatus.Running)))
            .OrderBy(e => e.GetString("CompletedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.GetString("Order"), StringComparer.Ordinal)
            .Select(e => new SettledAction(ReadAction(e), Enum.Parse<ActionStatus>(e.GetString("Status")),
                e.GetString("Detail"), Stamps.Parse(e.GetString("CompletedAt")), Saved(e)))];
    }

    private static Money? Saved(TableEntity entity) =>
        entity.GetString("SavedAmount") is { } amount && entity.GetString("SavedCurrency") is { } currency
            ? new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), CurrencyCode.Parse(currency))
            : null;

    private static void Settle(TableEntity row, NotificationAttempt attempt, DateTimeOffset at)
    {
        row["Status"] = attempt.Status.ToString();
        row["Detail"] = attempt.Detail;
        row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + (attempt.Attempted ? 1 : 0);
        row.Remove("LeaseOwner");
        Set(row, "DueAt", attempt.RetryAt is { } due ? Stamps.Of(due) : null);
        Set(row, "CompletedAt", attempt.Status == NotificationStatus.Pending ? null : Stamps.Of(at));
    }

    private static TableEntity NotificationEntity(NotificationEnvelope envelope, DateTimeOffset at, int position)
    {
        var entity = new TableEntity(TableKeys.Outbox, NotificationRow(envelope.Key))
        {
            ["Key"] = envelope.Key,
            ["EventKey"] = envelope.Event.Key,
            ["Channel"] = envelope.Channel,
            ["Kind"] = envelope.Event.Kind.ToString(),
            ["Severity"] = envelope.Event.Severity.ToString(),
            ["Status"] = nameof(NotificationStatus.Pending),
            ["Attempts"] = 0,
            ["CreatedAt"] = Stamps.Of(at),
            ["Order"] = Order(at, position),
        };
        Set(entity, "Budget", envelope.Event.Budget?.Name);
        ChunkedText.Write(entity, "Payload", JsonSerializer.Serialize(envelope.Event, Json));
        return entity;
    }

    private static NotificationRecord ReadNotification(TableEntity entity)
    {
        var notification = JsonSerializer.Deserialize<NotificationEvent>(ChunkedText.Read(entity, "Payload"), Json)
            ?? throw new InvalidDataException($"{entity.RowKey} holds no notification");
        return new NotificationRecord(
            new NotificationEnvelope(entity.GetString("Channel"), notification),
            Enum.Parse<NotificationStatus>(entity.GetString("Status")),
            entity.GetInt32("Attempts") ?? 0,
            Stamps.Parse(entity.GetString("CreatedAt")),
            entity.GetString("Detail"),
            Stamps.ParseOrNull(entity.GetString("CompletedAt")));
    }

    private static string NotificationRow(string key) => TableKeys.Row("notification", key);
}
