using Frugal.Engine.Insights;
using Frugal.Engine.Money;
using Frugal.Engine.Prices;

namespace Frugal.Engine.Tests.Insights;

public sealed class SpotDiscountsTests
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    [Fact]
    public async Task FromCatalogAsync_AKnownGpuMachine_IsOneLessSpotOverOnDemandOfItsParts()
    {
        var catalog = new PartPrices
        {
            [("A2", ComputeResource.Core, false)] = 0.03m, [("A2", ComputeResource.Core, true)] = 0.01m,
            [("A2", ComputeResource.Ram, false)] = 0.004m, [("A2", ComputeResource.Ram, true)] = 0.001m,
            [("Nvidia Tesla A100", ComputeResource.Gpu, false)] = 2.9m,
            [("Nvidia Tesla A100", ComputeResource.Gpu, true)] = 1.1m,
        };
        var lines = new[] { Training("a2-highgpu-8g"), Training("a2-highgpu-8g"), Training("n1-standard-8") };
        var onDemand = (96 * 0.03m) + (680 * 0.004m) + (8 * 2.9m);
        var spot = (96 * 0.01m) + (680 * 0.001m) + (8 * 1.1m);

        var discounts = await SpotDiscounts.FromCatalogAsync(
            catalog, lines, Usd, InsightOptions.Default, TestContext.Current.CancellationToken);

        Assert.Equal(1m - (spot / onDemand), Assert.Single(discounts, d => d.Key == "a2-highgpu-8g").Value);
        Assert.Equal(2, catalog.Asked.Count(q => q.Resource == ComputeResource.Gpu));
        Assert.DoesNotContain("n1-standard-8", discounts.Keys);
    }

    [Fact]
    public async Task FromCatalogAsync_TheCatalogListsNoSpotPrice_LeavesTheSkuToTheFallback()
    {
        var catalog = new PartPrices { [("G2", ComputeResource.Core, false)] = 0.02m };

        var discounts = await SpotDiscounts.FromCatalogAsync(
            catalog, [Training("g2-standard-8")], Usd, InsightOptions.Default, TestContext.Current.CancellationToken);

        Assert.Empty(discounts);
    }

    private static CostLine Training(string sku) => new(
        new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), "Compute Engine", "Compute", "ml-training-prod",
        "us-central1", "vm-1", sku, "Standard", "training", null, null, new Engine.Money.Money(10m, Usd));

    /// <summary>A catalog answering from unit prices by model, resource and Spot; anything else is unlisted.</summary>
    private sealed class PartPrices : Dictionary<(string Model, ComputeResource Resource, bool Spot), decimal>,
        IPriceCatalog
    {
        public List<ComputePriceQuery> Asked { get; } = [];

        public Task<ResourcePrice?> FindAsync(ComputePriceQuery query, CancellationToken ct)
        {
            Asked.Add(query);
            var tier = TryGetValue((query.Model, query.Resource, query.Spot), out var price)
                ? new PriceTier(0m, new Engine.Money.Money(price, query.Currency))
                : null;
            return Task.FromResult(tier is null ? null : new ResourcePrice("sku", "part", "h", [tier]));
        }
    }
}
