using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables;

/// <summary>
/// Frugal's state in Azure Table Storage, for hosts that run on several instances at once (the Functions app).
/// Crossings, both outboxes and the audit log share one partition, so that each step the SQLite store takes in one
/// transaction is one entity-group transaction here too; leases are ETag-conditional replaces, so of two instances
/// reading the same free row only one takes it.
/// </summary>
public sealed partial class TableStateStore : IStateStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly StateTable _table;

    internal TableStateStore(StateTable table) => _table = table;

    public async Task<IReadOnlySet<string>> FiredCrossingsAsync(
        IReadOnlyCollection<string> crossingKeys, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crossingKeys);
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in crossingKeys)
        {
            if (await _table.GetAsync(TableKeys.Outbox, CrossingRow(key), ct).ConfigureAwait(false) is not null)
            {
                fired.Add(key);
            }
        }

        return fired;
    }

    /// <summary>
    /// One transaction: the crossing row (an add, so the second writer gets 409 and records nothing), its actions
    /// and its notifications. Only a crossing with more than 99 rows beside it is written in order instead (see
    /// <see cref="StateTable.CommitAsync"/>): its actions and notifications first, the crossing last.
    /// </summary>
    public async Task<bool> RecordCrossingAsync(
        CrossingRecord crossing, IReadOnlyList<PlannedAction> actions,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(crossing);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(notifications);
        var rows = actions.Select((a, i) => ActionEntity(a, crossing.At, i))
            .Concat(notifications.Select((n, i) => NotificationEntity(n, crossing.At, i)))
            .ToList();
        // The SDK retries a request whose answer was lost; a 409 on that retry may be this writer's own add.
        var recorder = StateTable.NewRecorder();
        var recorded = await StateTable.UntilSettledAsync<object>(async () =>
        {
            if (await _table.GetAsync(TableKeys.Outbox, CrossingRow(crossing.Key), ct).ConfigureAwait(false)
                is { } existing)
            {
                return existing.GetString("Recorder") == recorder;
            }

            var row = CrossingEntity(crossing);
            row["Recorder"] = recorder;
            var add = new TableTransactionAction(TableTransactionActionType.Add, row);
            return await _table.CommitAsync([add], rows, ct).ConfigureAwait(false) is null ? null : true;
        }, $"recording crossing {crossing.Key}", ct).ConfigureAwait(false);
        return (bool)recorded;
    }

    public async Task<IReadOnlyList<ActionRecord>> LeasePendingActionsAsync(
        string owner, DateTimeOffset now, DateTimeOffset until, int max, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.Outbox, "action")
            + " and (Status eq 'Pending' or Status eq 'Running')";
        var candidates = (await _table.QueryAsync(filter, ct).ConfigureAwait(false))
            .Where(e => Stamps.ParseOrNull(e.GetString("LeaseUntil")) is not { } lease || lease <= now)
            .OrderBy(e => e.GetString("Order"), StringComparer.Ordinal);

        var leased = new List<ActionRecord>();
        foreach (var entity in candidates)
        {
            if (leased.Count >= max)
            {
                break;
            }

            entity["Status"] = nameof(ActionStatus.Running);
            entity["LeaseOwner"] = owner;
            entity["LeaseUntil"] = Stamps.Of(until);
            if (await _table.TryReplaceAsync(entity, ct).ConfigureAwait(false))
            {
                leased.Add(new ActionRecord(ReadAction(entity), ActionStatus.Running,
                    entity.GetInt32("Attempts") ?? 0, Stamps.Parse(entity.GetString("CreatedAt"))));
            }
        }

        return leased;
    }

    /// <summary>One transaction: the action's outcome (conditional on what was read) and its notifications.</summary>
    public async Task CompleteActionAsync(
        string idempotencyKey, ActionResult result, DateTimeOffset at,
        IReadOnlyList<NotificationEnvelope> notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(notifications);
        var rows = notifications.Select((n, i) => NotificationEntity(n, at, i)).ToList();
        await StateTable.UntilSettledAsync(async () =>
        {
            var action = await _table.GetAsync(TableKeys.Outbox, ActionRow(idempotencyKey), ct).ConfigureAwait(false);
            List<TableTransactionAction> update = [];
            if (action is not null)
            {
                Settle(action, result, at);
                update.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, action, action.ETag));
            }

            return await _table.CommitAsync(update, rows, ct).ConfigureAwait(false);
        }, $"completing action {idempotencyKey}", ct).ConfigureAwait(false);
    }

    /// <summary>All actions with their status, oldest first; for history and tests.</summary>
    public async Task<IReadOnlyList<(string Key, ActionStatus Status, int Attempts, string? Detail)>> ActionsAsync(
        CancellationToken ct)
    {
        var rows = await _table.QueryAsync(TableKeys.KindFilter(TableKeys.Outbox, "action"), ct).ConfigureAwait(false);
        return [.. rows.OrderBy(e => e.GetString("Order"), StringComparer.Ordinal)
            .Select(e => (e.GetString("Key"), Enum.Parse<ActionStatus>(e.GetString("Status")),
                e.GetInt32("Attempts") ?? 0, e.GetString("Detail")))];
    }

    private static void Settle(TableEntity action, ActionResult result, DateTimeOffset at)
    {
        action["Status"] = result.Status.ToString();
        action["Detail"] = result.Detail;
        action["Attempts"] = (action.GetInt32("Attempts") ?? 0) + 1;
        action.Remove("LeaseOwner");
        Set(action, "LeaseUntil", result.RetryAt is { } retry ? Stamps.Of(retry) : null);
        Set(action, "CompletedAt", result.Status == ActionStatus.Pending ? null : Stamps.Of(at));
        Set(action, "SavedAmount", result.Saved?.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(action, "SavedCurrency", result.Saved?.Currency.Code);
    }

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            entity.Remove(name);
        }
        else
        {
            entity[name] = value;
        }
    }

    private static TableEntity CrossingEntity(CrossingRecord crossing) =>
        new(TableKeys.Outbox, CrossingRow(crossing.Key))
        {
            ["Key"] = crossing.Key,
            ["Budget"] = crossing.Budget,
            ["Period"] = crossing.Period,
            ["Threshold"] = crossing.ThresholdId,
            ["Spend"] = crossing.Spend.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Level"] = crossing.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Currency"] = crossing.Currency,
            ["At"] = Stamps.Of(crossing.At),
        };

    private static TableEntity ActionEntity(PlannedAction action, DateTimeOffset at, int position)
    {
        var entity = new TableEntity(TableKeys.Outbox, ActionRow(action.IdempotencyKey))
        {
            ["Key"] = action.IdempotencyKey,
            ["CrossingKey"] = action.CrossingKey,
            ["Budget"] = action.Budget,
            ["Kind"] = action.Kind.ToString(),
            ["Status"] = nameof(ActionStatus.Pending),
            ["Attempts"] = 0,
            ["CreatedAt"] = Stamps.Of(at),
            ["Order"] = Order(at, position),
        };
        ChunkedText.Write(entity, "Payload", JsonSerializer.Serialize(action, Json));
        return entity;
    }

    private static PlannedAction ReadAction(TableEntity entity) =>
        JsonSerializer.Deserialize<PlannedAction>(ChunkedText.Read(entity, "Payload"), Json)
            ?? throw new InvalidDataException($"{entity.RowKey} holds no action");

    // Creation time, then the position in its step: the order SQLite gets from created_at and rowid, as near as
    // rows written by several processes allow.
    private static string Order(DateTimeOffset at, int position) =>
        Stamps.Of(at) + "|" + position.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    private static string CrossingRow(string key) => TableKeys.Row("crossing", key);

    private static string ActionRow(string key) => TableKeys.Row("action", key);
}
