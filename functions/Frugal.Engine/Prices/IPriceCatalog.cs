using Frugal.Engine.Money;

namespace Frugal.Engine.Prices;

/// <summary>
/// List prices of compute resources by region, on demand and Spot, for features that weigh a choice in money
/// (where to run a training job, what a capped autoscaler saves). Implemented over Cloud Billing's catalog.
/// </summary>
public interface IPriceCatalog
{
    /// <summary>The price of one unit of a resource, or null when the catalog lists none for the query.</summary>
    Task<ResourcePrice?> FindAsync(ComputePriceQuery query, CancellationToken ct);
}

public enum ComputeResource
{
    /// <summary>One vCPU for an hour.</summary>
    Core,

    /// <summary>One GiB of memory for an hour.</summary>
    Ram,

    /// <summary>One GPU for an hour.</summary>
    Gpu,
}

/// <summary>
/// What to price: a machine family (<c>N1</c>, <c>N2</c>, <c>A2</c>, <c>G2</c>) for cores and memory, or a GPU model
/// (<c>Nvidia Tesla T4</c>, <c>Nvidia L4</c>), in a region, on demand or Spot, in a currency.
/// </summary>
public sealed record ComputePriceQuery(
    string Region, ComputeResource Resource, string Model, bool Spot, CurrencyCode Currency);

/// <summary>
/// A catalog price: tiers by usage (most resources have one), the unit it is per (<c>h</c>, <c>GiBy.h</c>), and
/// the SKU it came from.
/// </summary>
public sealed record ResourcePrice(string SkuId, string Description, string Unit, IReadOnlyList<PriceTier> Tiers)
{
    /// <summary>The unit price that applies once <paramref name="usage"/> units have been used in the month.</summary>
    public Money.Money At(decimal usage) =>
        Tiers.Where(t => t.StartUsage <= usage).MaxBy(t => t.StartUsage)?.UnitPrice ?? Tiers[0].UnitPrice;
}

/// <summary>From <see cref="StartUsage"/> units on, each unit costs <see cref="UnitPrice"/>.</summary>
public sealed record PriceTier(decimal StartUsage, Money.Money UnitPrice);

/// <summary>Prices a whole machine from its parts, so callers need not know how the catalog splits it.</summary>
public static class MachinePrices
{
    /// <summary>
    /// The hourly price of a machine: vCPUs and memory at its family's rates, plus its GPUs; null when the catalog
    /// lacks one of the parts.
    /// </summary>
    public static async Task<Money.Money?> HourlyAsync(
        this IPriceCatalog catalog, MachineShape machine, string region, bool spot, CurrencyCode currency,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(machine);
        var core = await catalog.FindAsync(new(region, ComputeResource.Core, machine.Family, spot, currency), ct)
            .ConfigureAwait(false);
        var ram = await catalog.FindAsync(new(region, ComputeResource.Ram, machine.Family, spot, currency), ct)
            .ConfigureAwait(false);
        if (core is null || ram is null)
        {
            return null;
        }

        var total = core.At(0).Amount * machine.VirtualCpus + ram.At(0).Amount * machine.MemoryGib;
        if (machine.GpuModel is { } model && machine.GpuCount > 0)
        {
            var gpu = await catalog.FindAsync(new(region, ComputeResource.Gpu, model, spot, currency), ct)
                .ConfigureAwait(false);
            if (gpu is null)
            {
                return null;
            }

            total += gpu.At(0).Amount * machine.GpuCount;
        }

        return new Money.Money(total, currency);
    }
}

/// <summary>A machine's size: family, vCPUs, memory and attached GPUs.</summary>
public sealed record MachineShape(
    string Family, int VirtualCpus, decimal MemoryGib, string? GpuModel = null, int GpuCount = 0);
