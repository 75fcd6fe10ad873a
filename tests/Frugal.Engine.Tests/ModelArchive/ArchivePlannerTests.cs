using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using static Frugal.Engine.Tests.ModelArchive.ArchiveFixtures;

namespace Frugal.Engine.Tests.ModelArchive;

public sealed class ArchivePlannerTests
{
    private static readonly ArchiveRules Rules = new() { KeepNewest = 2, ServedWithinDays = 30 };

    [Fact]
    public void Plan_OldVersions_KeepsTheNewestAndMovesTheRest()
    {
        var plan = Plan(Rules, Version("m", "1", 400), Version("m", "2", 200), Version("m", "3", 100),
            Version("m", "4", 10));

        Assert.Equal(["1", "2"], plan.Decisions.Select(d => d.Key.Version).Order());
        Assert.Equal(["3", "4"], plan.Kept.Select(k => k.Key.Version).Order());
        Assert.All(plan.Kept, k => Assert.Equal("one of the newest 2", k.Reason));
    }

    [Fact]
    public void Plan_PinnedAliasedAndRecentlyServed_AreNeverTouched()
    {
        var pinned = Version("m", "1", 500) with { Pinned = true };
        var aliased = Version("m", "2", 500) with { Aliases = ["production"] };
        var served = Version("m", "3", 500) with { LastServed = Now.AddDays(-29) };
        var stale = Version("m", "4", 500) with { LastServed = Now.AddDays(-31) };

        var plan = Plan(Rules with { KeepNewest = 1 }, pinned, aliased, served, stale, Version("m", "5", 1));

        var moved = Assert.Single(plan.Decisions);
        Assert.Equal("4", moved.Key.Version);
        Assert.Contains(plan.Kept, k => k.Key.Version == "1" && k.Reason == "pinned (frugal-pin)");
        Assert.Contains(plan.Kept, k => k.Key.Version == "2" && k.Reason == "aliased as production");
        Assert.Contains(plan.Kept, k => k.Key.Version == "3" && k.Reason == "served 29 days ago");
    }

    [Theory]
    [InlineData(20, null)]
    [InlineData(45, StorageTier.Cool)]
    [InlineData(120, StorageTier.Cold)]
    [InlineData(400, StorageTier.Archive)]
    public void Plan_Automatic_ChoosesTheCheapestClassTheIdleTimeOutlasts(int idleDays, StorageTier? expected)
    {
        var plan = Plan(Rules with { KeepNewest = 1 }, Version("m", "1", idleDays), Version("m", "2", 0));

        Assert.Equal(expected, plan.Decisions.SingleOrDefault()?.To);
    }

    [Fact]
    public void Plan_DeletionOn_NoClassWhoseMinimumOutlastsTheRetention()
    {
        var plan = Plan(Rules with { KeepNewest = 1, DeleteAfterDays = 120 }, Version("m", "1", 400),
            Version("m", "2", 0));

        Assert.Equal(StorageTier.Cold, Assert.Single(plan.Decisions).To);
    }

    [Fact]
    public void Plan_FixedTarget_MovesThereWhateverTheIdleTime()
    {
        var plan = Plan(Rules with { KeepNewest = 1, TargetTier = StorageTier.Archive }, Version("m", "1", 31),
            Version("m", "2", 0));

        Assert.Equal(StorageTier.Archive, Assert.Single(plan.Decisions).To);
    }

    [Fact]
    public void Plan_Saving_IsTheSizeTimesThePriceDifference()
    {
        var plan = Plan(Rules with { KeepNewest = 1 }, Version("m", "1", 120, bytes: 10 * Gib),
            Version("m", "2", 0));

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(10 * (0.020m - 0.004m), decision.MonthlySaving.Amount);
        Assert.Equal(decision.MonthlySaving, Assert.Single(plan.MonthlySaving));
    }

    [Fact]
    public void Plan_DeleteAfterDays_DeletesOnlyPastRetentionAndTheClassMinimum()
    {
        var rules = Rules with { KeepNewest = 1, DeleteAfterDays = 60 };
        var coldLongEnough = Version("m", "1", 400, StorageTier.Cold) with { TierChangedAt = Now.AddDays(-91) };
        var coldTooShort = Version("m", "2", 400, StorageTier.Cold) with { TierChangedAt = Now.AddDays(-70) };

        var plan = Plan(rules, coldLongEnough, coldTooShort, Version("m", "3", 0));

        var deleted = Assert.Single(plan.Decisions, d => d.Operation == ArchiveOperation.Delete);
        Assert.Equal("1", deleted.Key.Version);
        Assert.DoesNotContain(plan.Decisions, d => d.Key.Version == "2" && d.Operation == ArchiveOperation.Delete);
    }

    [Fact]
    public void Plan_NoDeleteAfterDays_NeverDeletes()
    {
        var plan = Plan(Rules with { KeepNewest = 1 }, Version("m", "1", 2000, StorageTier.Archive),
            Version("m", "2", 0));

        Assert.Empty(plan.Decisions);
        Assert.Contains(plan.Kept, k => k.Key.Version == "1" && k.Reason == "already archive");
    }

    [Fact]
    public void Plan_MixedVersion_MovesFromItsWarmestClass()
    {
        var mixed = new ModelVersionInfo("m", "1", Now.AddDays(-120),
            [new ModelObject("a", Gib, StorageTier.Cold), new ModelObject("b", Gib, StorageTier.Hot)]);

        var plan = Plan(Rules with { KeepNewest = 1 }, mixed, Version("m", "2", 0));

        var decision = Assert.Single(plan.Decisions);
        Assert.Equal((StorageTier.Hot, StorageTier.Cold), (decision.From, decision.To));
    }

    [Fact]
    public void Plan_BusyOrRestoredVersions_AreKept()
    {
        var registry = Registry();
        var inventory = new RegistryInventory(registry, [Version("m", "1", 400), Version("m", "2", 400),
            Version("m", "3", 0)])
        {
            Busy = new HashSet<ModelVersionKey> { new("models", "m", "1") },
            RestoredAt = new Dictionary<ModelVersionKey, DateTimeOffset>
            {
                [new("models", "m", "2")] = Now.AddDays(-3),
            },
        };

        var plan = ArchivePlanner.Plan(Rules with { KeepNewest = 1 }, [inventory], Now);

        Assert.Empty(plan.Decisions);
        Assert.Contains(plan.Kept, k => k.Key.Version == "2" && k.Reason == "restored 3 days ago");
    }

    [Fact]
    public void Plan_NumericVersionsCreatedTogether_NewestByNumber()
    {
        var plan = Plan(Rules with { KeepNewest = 1 }, Version("m", "9", 400), Version("m", "10", 400));

        Assert.Equal("10", Assert.Single(plan.Kept).Key.Version);
    }
}
