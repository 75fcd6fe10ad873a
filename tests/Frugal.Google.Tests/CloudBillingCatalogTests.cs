using Frugal.Engine.Money;
using Frugal.Engine.Prices;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Google.Tests;

public sealed class CloudBillingCatalogTests : IAsyncLifetime
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero));
    private GoogleApiStandIn _standIn = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _standIn.On("cloudbilling.services.skus.list", call => StandInReply.Ok(
            call.Query.GetValueOrDefault("pageToken") is null ? FirstPage() : SecondPage()));
    }

    [Fact]
    public async Task FindAsync_OnDemandCore_ReadsUnitsAndNanosAcrossPages()
    {
        using var services = Services();

        var price = await Catalog(services).FindAsync(new("us-central1", ComputeResource.Core, "N1", false, Usd), Ct);

        Assert.Equal(0.031611m, price!.At(0).Amount);
        Assert.Equal("h", price.Unit);
        var pages = _standIn.Calls.Select(c => c.Query.GetValueOrDefault("pageToken")).ToList();
        Assert.Equal([null, "page-2"], pages);
        Assert.All(_standIn.Calls, c => Assert.Equal("USD", c.Query["currencyCode"]));
    }

    [Fact]
    public async Task HourlyAsync_SpotMachineWithAGpu_AddsItsParts()
    {
        using var services = Services();
        var machine = new MachineShape("N1", VirtualCpus: 4, MemoryGib: 15, GpuModel: "Nvidia Tesla T4", GpuCount: 1);

        var onDemand = await Catalog(services).HourlyAsync(machine, "us-central1", spot: false, Usd, Ct);
        var cpuOnly = machine with { GpuCount = 0 };
        var spot = await Catalog(services).HourlyAsync(cpuOnly, "us-central1", spot: true, Usd, Ct);

        Assert.Equal(4 * 0.031611m + 15 * 0.004237m + 0.35m, onDemand!.Value.Amount);
        Assert.Equal(4 * 0.006655m + 15 * 0.000892m, spot!.Value.Amount);
    }

    [Fact]
    public async Task FindAsync_OtherRegionOrCommitment_IsNotMatched()
    {
        using var services = Services();

        var elsewhere = await Catalog(services)
            .FindAsync(new("europe-west4", ComputeResource.Core, "N1", false, Usd), Ct);
        var n2 = await Catalog(services).FindAsync(new("us-central1", ComputeResource.Core, "N2", false, Usd), Ct);

        Assert.Null(elsewhere);
        Assert.Null(n2);
    }

    [Fact]
    public async Task FindAsync_TieredRates_PriceByUsage()
    {
        using var services = Services();

        var price = await Catalog(services)
            .FindAsync(new("us-central1", ComputeResource.Gpu, "Nvidia L4", false, Usd), Ct);

        Assert.Equal(0.7m, price!.At(0).Amount);
        Assert.Equal(0.5m, price.At(1000).Amount);
    }

    [Fact]
    public async Task FindAsync_Twice_ListsTheCatalogOnceUntilTheCacheRunsOut()
    {
        using var services = Services();
        var catalog = Catalog(services);
        var query = new ComputePriceQuery("us-central1", ComputeResource.Ram, "N1", false, Usd);

        await catalog.FindAsync(query, Ct);
        await catalog.FindAsync(query, Ct);
        var beforeExpiry = _standIn.Calls.Count;
        _time.Advance(TimeSpan.FromHours(13));
        await catalog.FindAsync(query, Ct);

        Assert.Equal(2, beforeExpiry);
        Assert.Equal(4, _standIn.Calls.Count);
    }

    public async ValueTask DisposeAsync() => await _standIn.DisposeAsync();

    private ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IGoogleAccessTokenSource>(new StaticToken(_standIn.IssueToken()));
        services.AddFrugalGoogle(GoogleClients.Options(_standIn));
        return services.BuildServiceProvider();
    }

    private static IPriceCatalog Catalog(ServiceProvider services) => services.GetRequiredService<IPriceCatalog>();

    private static object FirstPage() => new
    {
        skus = new[]
        {
            Sku("N1 Predefined Instance Core running in Americas", "N1Standard", "OnDemand", "h", 31_611_000),
            Sku("N1 Predefined Instance Ram running in Americas", "N1Standard", "OnDemand", "GiBy.h", 4_237_000),
            Sku("Commitment v1: Cpu in Americas for 1 Year", "CPU", "Commit1Yr", "h", 19_915_000),
        },
        nextPageToken = "page-2",
    };

    private static object SecondPage() => new
    {
        skus = new[]
        {
            Sku("Spot Preemptible N1 Predefined Instance Core running in Americas", "N1Standard", "Preemptible", "h",
                6_655_000),
            Sku("Spot Preemptible N1 Predefined Instance Ram running in Americas", "N1Standard", "Preemptible",
                "GiBy.h", 892_000),
            Sku("Nvidia Tesla T4 GPU running in Americas", "GPU", "OnDemand", "h", 350_000_000),
            Sku("Nvidia L4 GPU running in Americas", "GPU", "OnDemand", "h", 700_000_000, (730, 500_000_000)),
        },
        nextPageToken = "",
    };

    private static object Sku(
        string description, string group, string usage, string unit, int nanos, (int From, int Nanos)? tier = null)
    {
        var rates = new List<object> { Rate(0, nanos) };
        if (tier is { } next)
        {
            rates.Add(Rate(next.From, next.Nanos));
        }

        return new
        {
            skuId = $"{description.Length:X4}-{nanos:X8}",
            description,
            category = new
            {
                serviceDisplayName = "Compute Engine",
                resourceFamily = "Compute",
                resourceGroup = group,
                usageType = usage,
            },
            serviceRegions = new[] { "us-central1" },
            pricingInfo = new[]
            {
                new
                {
                    effectiveTime = "2026-11-01T00:00:00Z",
                    pricingExpression = new { usageUnit = unit, tieredRates = rates },
                },
            },
        };
    }

    private static object Rate(int from, int nanos) =>
        new { startUsageAmount = from, unitPrice = new { currencyCode = "USD", units = "0", nanos } };

    private sealed class StaticToken(string token) : IGoogleAccessTokenSource
    {
        public Task<string> GetAccessTokenAsync(CancellationToken ct) => Task.FromResult(token);
    }
}
