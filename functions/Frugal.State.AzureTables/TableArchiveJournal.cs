using System.Globalization;
using Azure.Data.Tables;
using Frugal.Engine.ModelArchive;

namespace Frugal.State.AzureTables;

/// <summary>
/// The model archive journal in the state table's <c>archive</c> partition: an entry row, one row per object, and a
/// marker row per version while it has an unfinished entry. Beginning adds the marker and the entry in one
/// transaction (with the objects when they fit), so of two processes only one starts changing a version; leases are
/// ETag-conditional replaces of the entry row.
/// </summary>
public sealed class TableArchiveJournal : IArchiveJournal
{
    private const string Partition = TableKeys.Archive;
    private readonly StateTable _table;

    internal TableArchiveJournal(StateTable table) => _table = table;

    /// <summary>
    /// The marker and entry are one transaction. Objects join it when they fit in 100 rows; otherwise they are
    /// written first: rows of an entry that never began are never read (they are found through the entry).
    /// </summary>
    public async Task<bool> BeginAsync(ArchiveJournalEntry entry, ArchiveLease lease, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lease);
        var objects = entry.Objects.Select((name, i) => ObjectEntity(entry.Id, name, i, entry.Done.Contains(name)))
            .ToList();
        var recorder = StateTable.NewRecorder();
        var recorded = await StateTable.UntilSettledAsync<object>(async () =>
        {
            if (await _table.GetAsync(Partition, MarkerRow(entry.Key), ct).ConfigureAwait(false) is { } existing)
            {
                return existing.GetString("Recorder") == recorder;
            }

            var marker = new TableEntity(Partition, MarkerRow(entry.Key))
            {
                ["EntryId"] = entry.Id,
                ["Recorder"] = recorder,
            };
            TableTransactionAction[] begin =
            [
                new(TableTransactionActionType.Add, marker),
                new(TableTransactionActionType.Add, EntryEntity(entry, lease)),
            ];
            return await _table.CommitAsync(begin, objects, ct).ConfigureAwait(false) is null ? null : true;
        }, $"beginning journal entry {entry.Id}", ct).ConfigureAwait(false);
        return (bool)recorded;
    }

    public async Task<IReadOnlyList<ArchiveJournalEntry>> ClaimUnfinishedAsync(
        ArchiveLease lease, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var free = (await _table.QueryAsync(EntriesFilter(" and (State eq 'Open' or State eq 'Rehydrating')"), ct)
                .ConfigureAwait(false))
            .Where(e => Stamps.ParseOrNull(e.GetString("LeaseUntil")) is not { } until || until <= now)
            .OrderBy(e => e.GetString("StartedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.GetString("Id"), StringComparer.Ordinal);

        var claimed = new List<ArchiveJournalEntry>();
        foreach (var row in free)
        {
            row["LeaseOwner"] = lease.Owner;
            row["LeaseUntil"] = Stamps.Of(lease.Until);
            if (await _table.TryReplaceAsync(row, ct).ConfigureAwait(false))
            {
                claimed.Add(await WithObjectsAsync(row, ct).ConfigureAwait(false));
            }
        }

        return claimed;
    }

    public async Task MarkObjectDoneAsync(string entryId, string objectName, CancellationToken ct)
    {
        var filter = ObjectsFilter(entryId) + TableClient.CreateQueryFilter($" and Name eq {objectName}");
        foreach (var row in await _table.QueryAsync(filter, ct).ConfigureAwait(false))
        {
            await _table.MergeIfExistsAsync(
                new TableEntity(Partition, row.RowKey) { ["Done"] = true }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One transaction: the entry's new state and, once finished, its version's marker removed.</summary>
    public async Task SettleAsync(ArchiveSettlement settlement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        var finished = settlement.State is ArchiveEntryState.Done or ArchiveEntryState.RolledBack;
        await StateTable.UntilSettledAsync<IReadOnlyList<TableEntity>>(async () =>
        {
            var row = await _table.GetAsync(Partition, EntryRow(settlement.EntryId), ct).ConfigureAwait(false);
            if (row is null)
            {
                return Array.Empty<TableEntity>();
            }

            row["State"] = settlement.State.ToString();
            row["Attempts"] = settlement.Attempts;
            row["Detail"] = settlement.Detail;
            row.Remove("LeaseOwner");
            row.Remove("LeaseUntil");
            List<TableTransactionAction> steps = [new(TableTransactionActionType.UpdateReplace, row, row.ETag)];
            if (finished)
            {
                row["FinishedAt"] = Stamps.Of(settlement.At);
                await AddMarkerRemovalAsync(steps, row, ct).ConfigureAwait(false);
            }

            return await _table.CommitAsync(steps, [], ct).ConfigureAwait(false);
        }, $"settling journal entry {settlement.EntryId}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Progress is reset first, then the entry turned around. A crash between the two leaves a forward move with
    /// some objects to move again (harmless); the other order could leave moved objects marked done on the way back.
    /// </summary>
    public async Task RollBackAsync(string entryId, CancellationToken ct)
    {
        foreach (var row in await _table.QueryAsync(ObjectsFilter(entryId), ct).ConfigureAwait(false))
        {
            await _table.MergeIfExistsAsync(
                new TableEntity(Partition, row.RowKey) { ["Done"] = false }, ct).ConfigureAwait(false);
        }

        await StateTable.UntilSettledAsync<object>(async () =>
        {
            var row = await _table.GetAsync(Partition, EntryRow(entryId), ct).ConfigureAwait(false);
            if (row is null)
            {
                return true;
            }

            row["RollingBack"] = true;
            row["Target"] = row.GetString("From");
            row["Attempts"] = 0;
            return await _table.TryReplaceAsync(row, ct).ConfigureAwait(false) ? true : null;
        }, $"rolling back journal entry {entryId}", ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ArchiveJournalEntry>> ReadAsync(DateTimeOffset since, CancellationToken ct)
    {
        var filter = EntriesFilter(TableClient.CreateQueryFilter(
            $" and (State eq 'Open' or State eq 'Rehydrating' or StartedAt ge {Stamps.Of(since)})"));
        var rows = (await _table.QueryAsync(filter, ct).ConfigureAwait(false))
            .OrderBy(e => e.GetString("StartedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.GetString("Id"), StringComparer.Ordinal);
        var entries = new List<ArchiveJournalEntry>();
        foreach (var row in rows)
        {
            entries.Add(await WithObjectsAsync(row, ct).ConfigureAwait(false));
        }

        return entries;
    }

    private async Task AddMarkerRemovalAsync(
        List<TableTransactionAction> steps, TableEntity entry, CancellationToken ct)
    {
        var key = new ModelVersionKey(
            entry.GetString("Registry"), entry.GetString("Model"), entry.GetString("Version"));
        var marker = await _table.GetAsync(Partition, MarkerRow(key), ct).ConfigureAwait(false);
        if (marker is not null && marker.GetString("EntryId") == entry.GetString("Id"))
        {
            steps.Add(new TableTransactionAction(TableTransactionActionType.Delete, marker, marker.ETag));
        }
    }

    private async Task<ArchiveJournalEntry> WithObjectsAsync(TableEntity row, CancellationToken ct)
    {
        var id = row.GetString("Id");
        var objects = (await _table.QueryAsync(ObjectsFilter(id), ct).ConfigureAwait(false))
            .OrderBy(o => o.GetInt32("Position")).ToList();
        var done = objects.Where(o => o.GetBoolean("Done") == true).Select(o => o.GetString("Name"));
        return new ArchiveJournalEntry(
            id,
            new ModelVersionKey(row.GetString("Registry"), row.GetString("Model"), row.GetString("Version")),
            Enum.Parse<ArchiveOperation>(row.GetString("Operation")),
            Enum.Parse<StorageTier>(row.GetString("From")),
            Enum.Parse<StorageTier>(row.GetString("Target")),
            [.. objects.Select(o => o.GetString("Name"))],
            Stamps.Parse(row.GetString("StartedAt")))
        {
            Done = done.ToHashSet(StringComparer.Ordinal),
            State = Enum.Parse<ArchiveEntryState>(row.GetString("State")),
            RollingBack = row.GetBoolean("RollingBack") == true,
            Attempts = row.GetInt32("Attempts") ?? 0,
            Detail = row.GetString("Detail"),
            FinishedAt = Stamps.ParseOrNull(row.GetString("FinishedAt")),
        };
    }

    private static TableEntity EntryEntity(ArchiveJournalEntry entry, ArchiveLease lease) =>
        new(Partition, EntryRow(entry.Id))
        {
            ["Id"] = entry.Id,
            ["Registry"] = entry.Key.Registry,
            ["Model"] = entry.Key.Model,
            ["Version"] = entry.Key.Version,
            ["Operation"] = entry.Operation.ToString(),
            ["From"] = entry.From.ToString(),
            ["Target"] = entry.Target.ToString(),
            ["State"] = nameof(ArchiveEntryState.Open),
            ["RollingBack"] = false,
            ["Attempts"] = 0,
            ["LeaseOwner"] = lease.Owner,
            ["LeaseUntil"] = Stamps.Of(lease.Until),
            ["StartedAt"] = Stamps.Of(entry.StartedAt),
        };

    private static TableEntity ObjectEntity(string entryId, string name, int position, bool done) =>
        new(Partition, TableKeys.Row("object", entryId, position.ToString("D7", CultureInfo.InvariantCulture)))
        {
            ["Name"] = name,
            ["Position"] = position,
            ["Done"] = done,
        };

    private static string EntriesFilter(string more) => TableKeys.KindFilter(Partition, "entry") + more;

    private static string ObjectsFilter(string entryId)
    {
        var prefix = TableKeys.Row("object", entryId) + "|";
        return TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {prefix} and RowKey lt {TableKeys.After(prefix)}");
    }

    private static string EntryRow(string id) => TableKeys.Row("entry", id);

    private static string MarkerRow(ModelVersionKey key) =>
        TableKeys.Row("unfinished", key.Registry, key.Model, key.Version);
}
