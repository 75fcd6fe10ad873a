using Frugal.Engine.Policies;

namespace Frugal.Engine.ModelArchive;

/// <summary>
/// Chooses the class to move an idle version to. A version idle for t days is expected to stay idle about t days
/// more (the longer nothing has asked for it, the longer nothing will), so only a class whose minimum storage
/// duration it should outlast is eligible: leaving a class earlier is charged as if it had stayed. Among those,
/// the cheapest wins; with deletion on, the class must also outlast the retention before deletion.
/// </summary>
internal static class TierChoice
{
    public static StorageTier? Colder(
        StorageTier current, double idleDays, ArchiveRules rules, ModelRegistryPolicy registry)
    {
        if (rules.TargetTier is { } fixedTier)
        {
            return fixedTier > current ? fixedTier : null;
        }

        StorageTier? best = null;
        for (var tier = current + 1; tier <= StorageTier.Archive; tier++)
        {
            var minimum = registry.MinimumStorageDays.GetValueOrDefault(tier);
            var outlasts = minimum <= idleDays && (rules.DeleteAfterDays is not { } retention || minimum <= retention);
            if (outlasts && (best is null || Price(registry, tier) < Price(registry, best.Value)))
            {
                best = tier;
            }
        }

        return best is { } chosen && Price(registry, chosen) < Price(registry, current) ? chosen : null;
    }

    private static decimal Price(ModelRegistryPolicy registry, StorageTier tier) =>
        registry.Prices.PerGibMonth[tier];
}
