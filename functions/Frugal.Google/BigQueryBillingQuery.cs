using System.Globalization;
using Frugal.Engine.Policies;

namespace Frugal.Google;

/// <summary>
/// The query over the Cloud Billing export (standard or detailed table; both have the fields it reads): cost and
/// credits summed per usage day, billing account, project, service, SKU, region, currency and the chosen labels.
/// Every value is a query parameter except the table, which the policy loader held to table-name characters.
/// </summary>
internal static class BigQueryBillingQuery
{
    /// <summary>The columns of each result row, in order; the chosen labels follow as label_0, label_1, ...</summary>
    public const int FixedColumns = 9;

    public static string Sql(BigQueryExportSource source)
    {
        var labels = source.Labels.Select((_, i) => i).ToList();
        var labelValues = string.Concat(labels.Select(i => Invariant(
            $",\n    (SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = @label_{i} LIMIT 1) AS label_{i}")));
        var labelOutputs = string.Concat(labels.Select(i => Invariant($", IFNULL(label_{i}, '') AS label_{i}")));
        var labelGroups = string.Concat(labels.Select(i => Invariant($", label_{i}")));

        // The export is partitioned by export day, which is never before the usage day: the partition filter keeps
        // the bytes scanned (and billed) to the days asked for. A copy of the export without ingestion-time
        // partitioning fails this query with BigQuery's own message; a policy switch for it would fix that.
        return $"""
            WITH usage AS (
              SELECT
                DATE(usage_start_time) AS day, billing_account_id, project.id AS project_id,
                service.description AS service, sku.description AS sku, location.region AS region, currency, cost,
                IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0) AS credits{labelValues}
              FROM `{source.Table}`
              WHERE _PARTITIONTIME >= TIMESTAMP_TRUNC(@since, DAY)
                AND usage_start_time >= @since AND usage_start_time < @until
            )
            SELECT
              CAST(day AS STRING) AS day, billing_account_id, IFNULL(project_id, '') AS project_id,
              IFNULL(service, '') AS service, IFNULL(sku, '') AS sku, IFNULL(region, '') AS region, currency,
              CAST(SUM(cost) AS STRING) AS cost, CAST(SUM(credits) AS STRING) AS credits{labelOutputs}
            FROM usage
            GROUP BY day, billing_account_id, project_id, service, sku, region, currency{labelGroups}
            ORDER BY day
            """;
    }

    public static IReadOnlyList<QueryParameter> Parameters(
        BigQueryExportSource source, DateTimeOffset since, DateTimeOffset until) =>
    [
        QueryParameter.Of("since", "TIMESTAMP", Timestamp(since)),
        QueryParameter.Of("until", "TIMESTAMP", Timestamp(until)),
        .. source.Labels.Select((label, i) => QueryParameter.Of(Invariant($"label_{i}"), "STRING", label)),
    ];

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + " UTC";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
