using System.Globalization;
using Frugal.Engine.Money;
using Frugal.Engine.Prices;
using Microsoft.Extensions.Logging;

namespace Frugal.Google;

/// <summary>
/// Compute Engine prices from Cloud Billing's catalog (<c>services.skus.list</c>, every page), cached per currency
/// for <see cref="CacheFor"/>: the catalog changes rarely and listing it takes many calls. A SKU is matched by its
/// category (CPU, RAM, GPU; OnDemand or Preemptible, which is Spot), its service regions and the family or GPU model
/// its description names; commitments, sole tenancy, custom and extended-memory SKUs are never matched.
/// </summary>
public sealed partial class CloudBillingCatalog(
    CloudBillingCatalogClient client, TimeProvider time, ILogger<CloudBillingCatalog> logger) : IPriceCatalog
{
    /// <summary>Compute Engine's service id in the catalog.</summary>
    public const string ComputeEngineService = "services/6F81-5844-456A";

    private static readonly string[] Excluded = ["Commitment", "Sole Tenancy", "Custom", "Extended", "Reserved"];

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Dictionary<CurrencyCode, (DateTimeOffset At, IReadOnlyList<CatalogSku> Skus)> _cache = [];

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromHours(12);

    public async Task<ResourcePrice?> FindAsync(ComputePriceQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var skus = await SkusAsync(query.Currency, ct).ConfigureAwait(false);
        var match = skus.FirstOrDefault(sku => Matches(sku, query));
        return match?.ToPrice();
    }

    private static bool Matches(CatalogSku sku, ComputePriceQuery query)
    {
        var category = sku.Category;
        var group = query.Resource switch
        {
            ComputeResource.Core => "CPU",
            ComputeResource.Ram => "RAM",
            _ => "GPU",
        };
        var usage = query.Spot ? "Preemptible" : "OnDemand";
        var description = sku.Description ?? string.Empty;
        return category?.ResourceFamily == "Compute" && category.UsageType == usage &&
            (category.ResourceGroup == group ||
                (group != "GPU" && category.ResourceGroup == query.Model + "Standard")) &&
            (sku.ServiceRegions ?? []).Contains(query.Region, StringComparer.Ordinal) &&
            !Excluded.Any(word => description.Contains(word, StringComparison.OrdinalIgnoreCase)) &&
            NamesModel(description, query.Model) &&
            (query.Resource != ComputeResource.Core || description.Contains("Core", StringComparison.Ordinal)) &&
            (query.Resource != ComputeResource.Ram || description.Contains("Ram", StringComparison.Ordinal));
    }

    // "N1 Predefined Instance Core running in Americas", "Spot Preemptible N2 Instance Ram running in Belgium",
    // "Nvidia Tesla T4 GPU running in Americas": the model is a whole word sequence of the description.
    private static bool NamesModel(string description, string model) =>
        $" {description} ".Contains($" {model} ", StringComparison.OrdinalIgnoreCase);

    private async Task<IReadOnlyList<CatalogSku>> SkusAsync(CurrencyCode currency, CancellationToken ct)
    {
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_cache.TryGetValue(currency, out var cached) && now - cached.At < CacheFor)
            {
                return cached.Skus;
            }

            var skus = await client.ListSkusAsync(ComputeEngineService, currency.Code, ct).ConfigureAwait(false);
            _cache[currency] = (now, skus);
            LogCatalogLoaded(skus.Count, currency.Code);
            return skus;
        }
        finally
        {
            _loading.Release();
        }
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Information,
        Message = "Loaded {Count} Compute Engine SKUs priced in {Currency}")]
    private partial void LogCatalogLoaded(int count, string currency);
}

/// <summary>The catalog's <c>services.skus.list</c>, paged to the end.</summary>
public sealed class CloudBillingCatalogClient(HttpClient http, IGoogleAccessTokenSource tokens)
    : GoogleRestClient(http, tokens, "Cloud Billing catalog")
{
    private const int PageSize = 5000;

    public async Task<IReadOnlyList<CatalogSku>> ListSkusAsync(string service, string currency, CancellationToken ct)
    {
        var skus = new List<CatalogSku>();
        string? token = null;
        do
        {
            var size = PageSize.ToString(CultureInfo.InvariantCulture);
            var query = $"v1/{service}/skus?currencyCode={Escape(currency)}&pageSize={size}" +
                (token is null ? string.Empty : $"&pageToken={Escape(token)}");
            var page = await SendAsync<SkuPage>(HttpMethod.Get, query, null, ct).ConfigureAwait(false);
            skus.AddRange(page.Skus ?? []);
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        return skus;
    }

    private sealed record SkuPage(IReadOnlyList<CatalogSku>? Skus, string? NextPageToken);
}

/// <summary>A catalog SKU, with the fields pricing needs.</summary>
public sealed record CatalogSku(
    string? SkuId,
    string? Description,
    SkuCategory? Category,
    IReadOnlyList<string>? ServiceRegions,
    IReadOnlyList<SkuPricingInfo>? PricingInfo)
{
    /// <summary>The price now in force: the catalog lists the current pricing info last.</summary>
    public ResourcePrice? ToPrice()
    {
        var expression = PricingInfo?.LastOrDefault()?.PricingExpression;
        var tiers = expression?.TieredRates?
            .Where(rate => rate.UnitPrice is not null)
            .Select(rate => new PriceTier((decimal)rate.StartUsageAmount, rate.UnitPrice!.ToMoney()))
            .OrderBy(tier => tier.StartUsage)
            .ToList();
        return tiers is { Count: > 0 }
            ? new ResourcePrice(
                SkuId ?? string.Empty, Description ?? string.Empty, expression!.UsageUnit ?? string.Empty, tiers)
            : null;
    }
}

public sealed record SkuCategory(
    string? ServiceDisplayName, string? ResourceFamily, string? ResourceGroup, string? UsageType);

public sealed record SkuPricingInfo(PricingExpression? PricingExpression);

public sealed record PricingExpression(string? UsageUnit, IReadOnlyList<TierRate>? TieredRates);

public sealed record TierRate(double StartUsageAmount, GoogleMoney? UnitPrice);

/// <summary>Google's money: whole units as an int64 in text, plus nanos (billionths) of the same sign.</summary>
public sealed record GoogleMoney(string? CurrencyCode, string? Units, int? Nanos)
{
    public Money ToMoney()
    {
        var units = long.Parse(Units ?? "0", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var amount = units + (Nanos ?? 0) / 1_000_000_000m;
        return new Money(amount, Frugal.Engine.Money.CurrencyCode.Parse(CurrencyCode ?? "USD"));
    }
}
