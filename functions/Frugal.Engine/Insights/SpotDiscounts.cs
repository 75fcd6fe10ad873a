using Frugal.Engine.Money;
using Frugal.Engine.Prices;

namespace Frugal.Engine.Insights;

/// <summary>
/// Spot discounts from a price catalog for the SKUs the Spot rule weighs: 1 - Spot hourly / on-demand hourly of
/// the same machine in the same region. SKUs whose machine shape is not known, or that the catalog does not price,
/// are left out and get the fallback discount.
/// </summary>
public static class SpotDiscounts
{
    public static async Task<IReadOnlyDictionary<string, decimal>> FromCatalogAsync(
        IPriceCatalog catalog, IEnumerable<CostLine> lines, CurrencyCode currency, InsightOptions options,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        var found = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        var skus = SpotRule.Candidates(lines, options)
            .Where(l => l.Sku is not null && l.Region is not null && l.Cost.Currency == currency)
            .Select(l => (Sku: l.Sku!, Region: l.Region!))
            .Distinct()
            .OrderBy(s => s.Sku, StringComparer.Ordinal).ThenBy(s => s.Region, StringComparer.Ordinal);
        foreach (var (sku, region) in skus)
        {
            if (found.ContainsKey(sku) || !GpuMachineShapes.TryFind(sku, out var shape))
            {
                continue;
            }

            var onDemand = await catalog.HourlyAsync(shape, region, spot: false, currency, ct).ConfigureAwait(false);
            var spot = await catalog.HourlyAsync(shape, region, spot: true, currency, ct).ConfigureAwait(false);
            if (onDemand is { Amount: > 0m } full && spot is { } reduced && reduced.Amount <= full.Amount)
            {
                found[sku] = 1m - (reduced.Amount / full.Amount);
            }
        }

        return found;
    }
}
