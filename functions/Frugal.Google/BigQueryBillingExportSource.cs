using System.Globalization;
using Frugal.Engine;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Google;

/// <summary>
/// GCP costs from the Cloud Billing export in BigQuery, as ledger records: one per usage day, project, service,
/// SKU, region and chosen labels. Billed and effective cost are both the export's cost plus its credits (credits
/// are negative), since the export has no separately amortised figure. The SKU is kept as the tag
/// <c>gcp.sku</c>, the labels as tags under their own keys.
/// </summary>
public sealed partial class BigQueryBillingExportSource(
    BigQueryClient client, ILogger<BigQueryBillingExportSource> logger) : ICostSource
{
    public const string SkuTag = "gcp.sku";
    private const int PageSize = 10_000;
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(10);

    public string Name => "bigquery";

    public bool IsConfigured(FrugalPolicy policy) => policy?.Sources.BigQuery is not null;

    public async Task<CostLedger> ReadAsync(FrugalPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var source = policy.Sources.BigQuery
            ?? throw new InvalidOperationException("the policy reads no BigQuery export");
        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-source.Days);
        try
        {
            return await ReadAsync(source, since, now, ct).ConfigureAwait(false);
        }
        catch (GoogleApiException ex)
        {
            throw new FrugalInputException($"sources.bigquery ({source.Table}): {ex.Message}", ex);
        }
    }

    private async Task<CostLedger> ReadAsync(
        BigQueryExportSource source, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var request = new BigQueryRequest
        {
            Query = BigQueryBillingQuery.Sql(source),
            QueryParameters = BigQueryBillingQuery.Parameters(source, since, until),
            Location = source.Location,
            MaximumBytesBilled = source.MaximumBytesBilled.ToString(CultureInfo.InvariantCulture),
            JobTimeoutMs = ((long)source.JobTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            TimeoutMs = (long)PollWait.TotalMilliseconds,
            MaxResults = PageSize,
            RequestId = Guid.NewGuid().ToString("N"),
            Labels = new Dictionary<string, string> { ["frugal"] = "billing-export" },
        };

        var page = await client.QueryAsync(source.Project, request, ct).ConfigureAwait(false);
        var job = page.JobReference
            ?? throw new GoogleApiException("BigQuery answered a query without a job reference");
        for (var polls = 0; !page.JobComplete; polls++)
        {
            EnsureNoErrors(page);
            if (polls * PollWait > source.JobTimeout + PollWait)
            {
                throw new FrugalInputException(
                    $"sources.bigquery: the query ran past its timeout ({source.JobTimeout})");
            }

            page = await client.GetQueryResultsAsync(job, null, PageSize, PollWait, ct).ConfigureAwait(false);
        }

        var ledger = new CostLedgerBuilder();
        var rows = Add(ledger, source, page);
        while (page.PageToken is { } token)
        {
            page = await client.GetQueryResultsAsync(job, token, PageSize, PollWait, ct).ConfigureAwait(false);
            rows += Add(ledger, source, page);
        }

        LogRead(rows, source.Table, page.TotalBytesProcessed ?? "?");
        return ledger.Build();
    }

    private static int Add(CostLedgerBuilder ledger, BigQueryExportSource source, QueryPage page)
    {
        EnsureNoErrors(page);
        var rows = page.Rows ?? [];
        foreach (var row in rows)
        {
            if (BillingExportRow.TryRead(row, source.Labels) is { } record)
            {
                ledger.Add(record.Day, record.Slice, record.Currency, record.Cost, record.Cost);
            }
            else
            {
                ledger.Reject(new RejectedRow(source.Table, 0, "a result row has an unreadable day, currency or cost"));
            }
        }

        return rows.Count;
    }

    private static void EnsureNoErrors(QueryPage page)
    {
        if (page.Errors is { Count: > 0 } errors)
        {
            throw new FrugalInputException(
                $"sources.bigquery: the query failed: {errors[0].Reason}: {errors[0].Message}");
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information,
        Message = "Read {Rows} cost records from {Table} ({Bytes} bytes processed)")]
    private partial void LogRead(int rows, string table, string bytes);

    /// <summary>One result row as a ledger record.</summary>
    private sealed record BillingExportRow(DateTimeOffset Day, CostSlice Slice, CurrencyCode Currency, decimal Cost)
    {
        public static BillingExportRow? TryRead(QueryRow row, IReadOnlyList<string> labels)
        {
            var cells = row.F;
            if (cells.Count < BigQueryBillingQuery.FixedColumns + labels.Count ||
                !DateOnly.TryParseExact(
                    cells[0].Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ||
                !CurrencyCode.TryParse(cells[6].Text, out var currency) ||
                !TryAmount(cells[7].Text, out var cost) || !TryAmount(cells[8].Text ?? "0", out var credits))
            {
                return null;
            }

            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                [SkuTag] = cells[4].Text ?? string.Empty,
            };
            for (var i = 0; i < labels.Count; i++)
            {
                if (cells[BigQueryBillingQuery.FixedColumns + i].Text is { Length: > 0 } value)
                {
                    tags[labels[i]] = value;
                }
            }

            var slice = new CostSlice(
                "Google Cloud", Text(cells[1]), Text(cells[2]), Text(cells[3]), Text(cells[5]), tags);
            return new BillingExportRow(
                new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), slice, currency, cost + credits);
        }

        private static string Text(QueryCell cell) => cell.Text ?? string.Empty;

        private static bool TryAmount(string? text, out decimal amount) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out amount);
    }
}
