using System.Globalization;
using Azure.Data.Tables;
using Frugal.Engine.GpuJobs;

namespace Frugal.State.AzureTables;

/// <summary>
/// GPU jobs in Table Storage: one row per job id in the <c>gpu-jobs</c> partition, holding the request, where the
/// job stands and the worker's first result. A job is an add (a second submission of the id gets 409 and reads
/// the first); every later change is a replace conditional on the ETag read, so a result is written only where
/// none is, once, whoever else writes the row meanwhile.
/// </summary>
public sealed partial class TableGpuJobStore : IGpuJobStore
{
    private readonly StateTable _table;

    internal TableGpuJobStore(StateTable table) => _table = table;

    public async Task<GpuJobRecording> SubmitAsync(
        GpuJobRequest request, GpuJobState state, string reason, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await _table.GetAsync(TableKeys.GpuJobs, Row(request.Id), ct).ConfigureAwait(false) is { } known)
        {
            return new GpuJobRecording(Job(known), false);
        }

        var writer = StateTable.NewRecorder();
        var row = new TableEntity(TableKeys.GpuJobs, Row(request.Id))
        {
            ["Id"] = request.Id,
            ["Budget"] = request.Budget,
            ["Priority"] = GpuJobWords.Of(request.Priority),
            ["State"] = state.ToString(),
            ["Reason"] = reason,
            ["SubmittedAt"] = Stamps.Of(at),
            ["TouchedAt"] = Stamps.Of(at),
            ["Model"] = request.Model,
            ["HasRequest"] = true,
            ["HasResult"] = false,
            ["Writer"] = writer,
        };
        Set(row, "Version", request.Version);
        ChunkedText.Write(row, "Request", GpuJobJson.WriteRequest(request));
        var add = new TableTransactionAction(TableTransactionActionType.Add, row);
        if (await _table.CommitAsync([add], [], ct).ConfigureAwait(false) is null)
        {
            // 409: another submission of the id came first, or this one's answer was lost and the SDK sent it again.
            var stored = await _table.GetAsync(TableKeys.GpuJobs, row.RowKey, ct).ConfigureAwait(false)
                ?? throw new StateConflictException($"GPU job {request.Id}: the row was removed while recording it");
            return new GpuJobRecording(Job(stored), stored.GetString("Writer") == writer);
        }

        return new GpuJobRecording(Job(row), true);
    }

    public Task MarkEnqueuedAsync(string id, string reason, DateTimeOffset at, CancellationToken ct) =>
        ChangeWaitingAsync(id, row =>
        {
            row["State"] = nameof(GpuJobState.Enqueued);
            row["Reason"] = reason;
            row["EnqueuedAt"] = Stamps.Of(at);
            row["TouchedAt"] = Stamps.Of(at);
        }, ct);

    public Task MarkHeldAsync(string id, string reason, CancellationToken ct) =>
        ChangeWaitingAsync(id, row =>
        {
            row["State"] = nameof(GpuJobState.Held);
            row["Reason"] = reason;
        }, ct);

    public async Task<IReadOnlyList<GpuJob>> ReadWaitingAsync(CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.GpuJobs, "job")
            + " and (State eq 'Submitted' or State eq 'Held') and HasRequest eq true";
        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows
            .OrderBy(e => e.GetString("SubmittedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.GetString("Id"), StringComparer.Ordinal)
            .Select(Job)];
    }

    /// <summary>
    /// The latest jobs. The partition is read whole and sorted here: Table Storage sorts by key only. That is fine
    /// for the thousands of jobs a team keeps; beyond, rows keyed by inverted time would let it read only the top.
    /// </summary>
    public async Task<IReadOnlyList<GpuJob>> ReadRecentAsync(int limit, CancellationToken ct)
    {
        var rows = await _table.QueryAsync(TableKeys.KindFilter(TableKeys.GpuJobs, "job"), ct).ConfigureAwait(false);
        return [.. rows
            .OrderByDescending(e => e.GetString("TouchedAt"), StringComparer.Ordinal)
            .ThenBy(e => e.GetString("Id"), StringComparer.Ordinal)
            .Take(limit)
            .Select(Job)];
    }

    /// <summary>Changes a job still waiting (submitted or held); a job sent or finished is left alone.</summary>
    private Task ChangeWaitingAsync(string id, Action<TableEntity> change, CancellationToken ct) =>
        StateTable.UntilSettledAsync<object>(async () =>
        {
            var row = await _table.GetAsync(TableKeys.GpuJobs, Row(id), ct).ConfigureAwait(false);
            if (row?.GetString("State") is not (nameof(GpuJobState.Submitted) or nameof(GpuJobState.Held)))
            {
                return true;
            }

            change(row);
            return await _table.TryReplaceAsync(row, ct).ConfigureAwait(false) ? true : null;
        }, $"changing GPU job {id}", ct);

    private static GpuJob Job(TableEntity row) => new()
    {
        Id = row.GetString("Id"),
        Request = row.GetBoolean("HasRequest") == true
            ? GpuJobJson.ReadRequest(ChunkedText.Read(row, "Request"))
            : null,
        State = Enum.Parse<GpuJobState>(row.GetString("State")),
        Reason = row.GetString("Reason"),
        SubmittedAt = Stamps.ParseOrNull(row.GetString("SubmittedAt")),
        EnqueuedAt = Stamps.ParseOrNull(row.GetString("EnqueuedAt")),
        FinishedAt = Stamps.ParseOrNull(row.GetString("FinishedAt")),
        Result = row.GetBoolean("HasResult") == true
            ? GpuJobJson.ReadResult(row.GetString("Id"), ChunkedText.Read(row, "Result"))
            : null,
    };

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static decimal Amount(string text) =>
        decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Row(string id) => TableKeys.Row("job", id);
}
