using Frugal.Engine.Ledger;

namespace Frugal.Engine.Insights;

/// <summary>
/// Spend of one resource, SKU and pricing in one charge period and currency: the grain every breakdown, mover and
/// recommendation is summed from. A null field is a null (or absent) cell in the cost export.
/// </summary>
public sealed record CostLine(
    DateTimeOffset ChargePeriodStart,
    string? Service,
    string? ServiceCategory,
    string? Project,
    string? Region,
    string? Resource,
    string? Sku,
    string? PricingCategory,
    string? Team,
    string? Model,
    string? Cluster,
    Money.Money Cost)
{
    /// <summary>The FOCUS value for on-demand (list or negotiated rate, no commitment, not Spot).</summary>
    public const string OnDemand = "Standard";

    public bool IsOnDemand => string.Equals(PricingCategory, OnDemand, StringComparison.OrdinalIgnoreCase);

    /// <summary>Compute bought by the hour: VMs, nodes, managed endpoints.</summary>
    public bool IsCompute =>
        string.Equals(ServiceCategory, "Compute", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(ServiceCategory, "AI and Machine Learning", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The grouped cost query that yields <see cref="CostLine"/>s: one pass over the FOCUS files.</summary>
public static class CostLineQuery
{
    private const int ColumnCount = 11;

    /// <summary>The query for charge periods in <paramref name="period"/> or in the period before it.</summary>
    public static FocusCostQuery For(InsightPeriod period, InsightOptions options)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(options);
        return new FocusCostQuery
        {
            GroupBy =
            [
                FocusColumns.ChargePeriodStart, "ServiceName", "ServiceCategory", "SubAccountId", "RegionId",
                "ResourceId", "SkuId", "PricingCategory", "tag:" + options.TeamTag, "tag:" + options.ModelTag,
                "tag:" + options.ClusterTag,
            ],
            From = period.Previous.From,
            To = period.To,
        };
    }

    /// <summary>Turns the answer to <see cref="For"/> into cost lines.</summary>
    public static IReadOnlyList<CostLine> Lines(FocusCostReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.GroupBy.Count != ColumnCount)
        {
            throw new ArgumentException("the report does not answer CostLineQuery.For", nameof(report));
        }

        var lines = new List<CostLine>(report.Groups.Count);
        foreach (var group in report.Groups)
        {
            var k = group.Key;
            if (k[0] is null || !FocusTimestamp.TryParse(k[0], out var start))
            {
                continue;
            }

            lines.Add(new CostLine(start, k[1], k[2], k[3], k[4], k[5], k[6], k[7], k[8], k[9], k[10], group.Cost));
        }

        return lines;
    }
}
