using Azure.Data.Tables;
using Frugal.Engine.Training;

namespace Frugal.State.AzureTables;

/// <summary>
/// The training queue in Table Storage: one row per job in the <c>training</c> partition, holding the job as the
/// same JSON the SQLite store keeps and its version. A change is written only over the version it was made from:
/// the row is read, its version compared, and the replace made conditional on the ETag read, so of two instances
/// that read the same version exactly one writes (the other gets 412 and is told it lost).
/// </summary>
public sealed class TableTrainingJobStore : ITrainingJobStore
{
    private readonly StateTable _table;

    internal TableTrainingJobStore(StateTable table) => _table = table;

    public async Task<bool> AddAsync(TrainingJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var writer = StateTable.NewRecorder();
        var row = Entity(job with { Version = 1 }, writer);
        var add = new TableTransactionAction(TableTransactionActionType.Add, row);
        if (await _table.CommitAsync([add], [], ct).ConfigureAwait(false) is not null)
        {
            return true;
        }

        // 409: the job exists; it is this call's own add when the SDK retried a request whose answer was lost.
        return await _table.GetAsync(TableKeys.TrainingJobs, row.RowKey, ct).ConfigureAwait(false) is { } found
            && found.GetString("Writer") == writer;
    }

    public async Task<TrainingJob?> GetAsync(string id, CancellationToken ct) =>
        await _table.GetAsync(TableKeys.TrainingJobs, Row(id), ct).ConfigureAwait(false) is { } row
            ? Job(row)
            : null;

    public async Task<IReadOnlyList<TrainingJob>> ListAsync(bool includeFinished, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.TrainingJobs, "job");
        if (!includeFinished)
        {
            filter += " and Finished eq false";
        }

        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows
            .OrderByDescending(e => e.GetInt32("Priority") ?? 0)
            .ThenBy(e => e.GetString("SubmittedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.GetString("Id"), StringComparer.Ordinal)
            .Select(Job)];
    }

    public async Task<TrainingJob?> TryReplaceAsync(TrainingJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        var stored = await _table.GetAsync(TableKeys.TrainingJobs, Row(job.Id), ct).ConfigureAwait(false);
        if (stored is null || stored.GetInt64("Version") != job.Version)
        {
            return null;
        }

        var next = job with { Version = job.Version + 1 };
        var writer = StateTable.NewRecorder();
        var row = Entity(next, writer);
        row.ETag = stored.ETag;
        if (await _table.TryReplaceAsync(row, ct).ConfigureAwait(false))
        {
            return next;
        }

        // 412: someone else changed the row, unless the SDK retried this very replace after its answer was lost.
        var now = await _table.GetAsync(TableKeys.TrainingJobs, row.RowKey, ct).ConfigureAwait(false);
        return now?.GetString("Writer") == writer ? next : null;
    }

    private static TableEntity Entity(TrainingJob job, string writer)
    {
        var entity = new TableEntity(TableKeys.TrainingJobs, Row(job.Id))
        {
            ["Id"] = job.Id,
            ["State"] = job.State.ToString(),
            ["Finished"] = job.IsFinished,
            ["Priority"] = job.Spec.Priority,
            ["SubmittedAt"] = Stamps.Of(job.SubmittedAt),
            ["UpdatedAt"] = Stamps.Of(job.UpdatedAt),
            ["Version"] = job.Version,
            ["Writer"] = writer,
        };
        ChunkedText.Write(entity, "Payload", TrainingJobJson.Write(job));
        return entity;
    }

    // The version column is the truth; the payload carries the version it was written at, which is the same.
    private static TrainingJob Job(TableEntity row) =>
        TrainingJobJson.Read(ChunkedText.Read(row, "Payload")) with { Version = row.GetInt64("Version") ?? 0 };

    private static string Row(string id) => TableKeys.Row("job", id);
}
