using System.Globalization;
using Azure.Data.Tables;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Engine.Money;

namespace Frugal.State.AzureTables;

/// <summary>Results, written once per job, and the usage per model version read from them.</summary>
public sealed partial class TableGpuJobStore : IInferenceUsage
{
    public async Task<bool> RecordResultAsync(GpuJobResult result, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var writer = StateTable.NewRecorder();
        var recorded = await StateTable.UntilSettledAsync<object>(async () =>
        {
            var row = await _table.GetAsync(TableKeys.GpuJobs, Row(result.Id), ct).ConfigureAwait(false);
            if (row?.GetBoolean("HasResult") == true)
            {
                // Already there: a redelivery, or this call's own write answered late and sent again by the SDK.
                return row.GetString("ResultWriter") == writer;
            }

            if (row is null)
            {
                row = new TableEntity(TableKeys.GpuJobs, Row(result.Id)) { ["Id"] = result.Id, ["HasRequest"] = false };
                WriteResult(row, result, at, writer);
                var add = new TableTransactionAction(TableTransactionActionType.Add, row);
                return await _table.CommitAsync([add], [], ct).ConfigureAwait(false) is null ? null : true;
            }

            WriteResult(row, result, at, writer);
            return await _table.TryReplaceAsync(row, ct).ConfigureAwait(false) ? true : null;
        }, $"recording the result of GPU job {result.Id}", ct).ConfigureAwait(false);
        return (bool)recorded;
    }

    /// <summary>
    /// Usage of jobs finished in the span, one row per model, version and currency. Batch jobs do not go through
    /// the worker's result cache, so their hits and misses are zero, as in the SQLite store.
    /// </summary>
    public async Task<IReadOnlyList<ModelInferenceUsage>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var filter = TableKeys.KindFilter(TableKeys.GpuJobs, "job") + TableClient.CreateQueryFilter(
            $" and HasResult eq true and FinishedAt ge {Stamps.Of(from)} and FinishedAt le {Stamps.Of(to)}");
        var rows = await _table.QueryAsync(filter, ct).ConfigureAwait(false);
        return [.. rows
            .Select(e => (Model: e.GetString("Model"), Version: e.GetString("Version") ?? "",
                Seconds: Amount(e.GetString("GpuSeconds")), Predictions: e.GetInt64("Predictions") ?? 0,
                Cost: new Money(Amount(e.GetString("Cost")), CurrencyCode.Parse(e.GetString("Currency")))))
            .GroupBy(r => (r.Model, r.Version, r.Cost.Currency))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
            .Select(g => new ModelInferenceUsage(g.Key.Model, g.Key.Version, g.Sum(r => r.Predictions),
                g.Sum(r => r.Seconds), new Money(g.Sum(r => r.Cost.Amount), g.Key.Currency), 0, 0))];
    }

    private static void WriteResult(TableEntity row, GpuJobResult result, DateTimeOffset at, string writer)
    {
        row["State"] = (result.Succeeded ? GpuJobState.Succeeded : GpuJobState.Failed).ToString();
        if (result.Error is { } error)
        {
            row["Reason"] = error;
        }

        row["Model"] = result.Model;
        if (result.Version is { } version)
        {
            row["Version"] = version;
        }

        row["HasResult"] = true;
        row["ResultWriter"] = writer;
        row["GpuSeconds"] = result.GpuSeconds.ToString(CultureInfo.InvariantCulture);
        row["Predictions"] = result.Predictions;
        row["Cost"] = result.Cost.Amount.ToString(CultureInfo.InvariantCulture);
        row["Currency"] = result.Cost.Currency.Code;
        row["FinishedAt"] = Stamps.Of(at);
        row["TouchedAt"] = Stamps.Of(at);
        ChunkedText.Write(row, "Result", GpuJobJson.WriteResult(result));
    }
}
