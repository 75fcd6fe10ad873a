using Frugal.Engine.ModelArchive;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.ModelArchive;

/// <summary>Registries and versions for planner tests: one GiB per version, priced like GCS in one region.</summary>
internal static class ArchiveFixtures
{
    public const long Gib = 1L << 30;

    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static ModelRegistryPolicy Registry(string name = "models") => new()
    {
        Name = name,
        Kind = ModelRegistryKind.Local,
        Path = "/models",
        Prices = new StoragePrices(CurrencyCode.Parse("USD"), new Dictionary<StorageTier, decimal>
        {
            [StorageTier.Hot] = 0.020m,
            [StorageTier.Cool] = 0.010m,
            [StorageTier.Cold] = 0.004m,
            [StorageTier.Archive] = 0.0012m,
        }),
        MinimumStorageDays = new Dictionary<StorageTier, int>
        {
            [StorageTier.Hot] = 0,
            [StorageTier.Cool] = 30,
            [StorageTier.Cold] = 90,
            [StorageTier.Archive] = 365,
        },
    };

    public static ModelVersionInfo Version(
        string model, string version, int createdDaysAgo, StorageTier tier = StorageTier.Hot, long bytes = Gib) =>
        new(model, version, Now.AddDays(-createdDaysAgo), [new ModelObject("model.onnx", bytes, tier)]);

    public static ArchivePlan Plan(ArchiveRules rules, params ModelVersionInfo[] versions) =>
        ArchivePlanner.Plan(rules, [new RegistryInventory(Registry(), versions)], Now);
}
