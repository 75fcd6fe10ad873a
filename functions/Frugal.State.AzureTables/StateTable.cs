using Azure;
using Azure.Data.Tables;

namespace Frugal.State.AzureTables;

/// <summary>
/// One state table and the optimistic-concurrency moves every store here is built from: conditional replaces
/// (ETag; 412 means someone else won), entity-group transactions within one partition (at most 100 entities; 409
/// or 412 means someone else wrote first, and the caller reads again and decides again), and inserts that leave
/// rows already there alone. The table is created on first use. Reusable by any store that keeps leases or
/// records-once rows (the training-job store can take the same helpers).
/// </summary>
internal sealed class StateTable
{
    /// <summary>Entities one entity-group transaction may hold.</summary>
    public const int MaxTransaction = 100;

    private const int MaxConflicts = 20;

    private readonly TableClient _client;
    private Task? _created;

    public StateTable(TableClient client) => _client = client;

    public string Name => _client.Name;

    public async Task<TableEntity?> GetAsync(string partition, string row, CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var found = await _client.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct)
            .ConfigureAwait(false);
        return found.HasValue ? found.Value : null;
    }

    public async Task<List<TableEntity>> QueryAsync(string filter, CancellationToken ct, int? take = null)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var entity in _client.QueryAsync<TableEntity>(filter, cancellationToken: ct)
            .ConfigureAwait(false))
        {
            rows.Add(entity);
            if (rows.Count == take)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Replaces the entity if nobody changed it since it was read; false when someone did (412).</summary>
    public async Task<bool> TryReplaceAsync(TableEntity entity, CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        try
        {
            await _client.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task UpsertAsync(TableEntity entity, CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        await _client.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>Merges properties into a row that may be gone; a missing row is left missing.</summary>
    public async Task MergeIfExistsAsync(TableEntity entity, CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        try
        {
            await _client.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    public async Task DeleteAsync(string partition, string row, CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        await _client.DeleteEntityAsync(partition, row, ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits <paramref name="required"/> (conditional updates, adds that must not find their row) together with
    /// the rows of <paramref name="insertIfMissing"/> not there yet, in one transaction when they fit; returns the
    /// rows it inserted, or null when another writer came first (409/412): read again and decide again.
    /// Above 100 entities the missing rows are written first, in transactions of their own, and the required ones
    /// last: a crash in between leaves rows that a retry finds and skips, and nothing that acts before the required
    /// rows exist can be lost, only done by the one that records them.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>?> CommitAsync(
        IReadOnlyList<TableTransactionAction> required, IReadOnlyList<TableEntity> insertIfMissing,
        CancellationToken ct)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        var missing = await MissingAsync(insertIfMissing, ct).ConfigureAwait(false);
        if (required.Count + missing.Count <= MaxTransaction)
        {
            var all = required.Concat(missing.Select(Add));
            return await TrySubmitAsync([.. all], ct).ConfigureAwait(false) ? missing : null;
        }

        var inserted = await InsertMissingInPiecesAsync(insertIfMissing, ct).ConfigureAwait(false);
        return required.Count == 0 || await TrySubmitAsync(required, ct).ConfigureAwait(false) ? inserted : null;
    }

    /// <summary>Runs <paramref name="attempt"/> until it settles (returns a value); a null is a lost race.</summary>
    public static async Task<T> UntilSettledAsync<T>(Func<Task<T?>> attempt, string what, CancellationToken ct)
        where T : class
    {
        for (var tries = 1; ; tries++)
        {
            if (await attempt().ConfigureAwait(false) is { } settled)
            {
                return settled;
            }

            if (tries == MaxConflicts)
            {
                throw new StateConflictException(
                    $"{what}: other writers changed the same rows {MaxConflicts} times in a row; try again");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * tries)), ct).ConfigureAwait(false);
        }
    }

    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        if (actions.Count == 0)
        {
            return true;
        }

        try
        {
            await _client.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    private async Task<List<TableEntity>> InsertMissingInPiecesAsync(
        IReadOnlyList<TableEntity> entities, CancellationToken ct)
    {
        var inserted = new List<TableEntity>();
        foreach (var piece in entities.Chunk(MaxTransaction))
        {
            var written = await UntilSettledAsync(async () =>
            {
                var missing = await MissingAsync(piece, ct).ConfigureAwait(false);
                var adds = missing.Select(Add).ToList();
                return await TrySubmitAsync(adds, ct).ConfigureAwait(false) ? missing : null;
            }, "recording rows", ct).ConfigureAwait(false);
            inserted.AddRange(written);
        }

        return inserted;
    }

    /// <summary>A random mark a writer puts on the rows it adds, to know them again after a retried request.</summary>
    public static string NewRecorder() => Guid.NewGuid().ToString("N");

    // Created once per process; a failed attempt (storage unreachable) is tried again on the next use.
    private Task EnsureCreatedAsync()
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _created = _client.CreateIfNotExistsAsync();
        }

        return created;
    }

    private static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    private async Task<List<TableEntity>> MissingAsync(IEnumerable<TableEntity> entities, CancellationToken ct)
    {
        var missing = new List<TableEntity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            if (seen.Add(entity.PartitionKey + "\n" + entity.RowKey)
                && await GetAsync(entity.PartitionKey, entity.RowKey, ct).ConfigureAwait(false) is null)
            {
                missing.Add(entity);
            }
        }

        return missing;
    }
}

/// <summary>Other writers kept changing the rows a step needed; nothing of the step was written.</summary>
public sealed class StateConflictException(string message) : InvalidOperationException(message);
