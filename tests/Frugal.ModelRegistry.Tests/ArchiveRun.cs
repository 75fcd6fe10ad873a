using Frugal.Engine.ModelArchive;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.ModelRegistry.Tests;

/// <summary>The archive cycle over a temporary local registry and a real SQLite journal, as a host wires it.</summary>
internal static class ArchiveRun
{
    public static FrugalPolicy Policy(string root, ArchiveRules rules, bool dryRun = false, int cap = 20) => new()
    {
        Budgets = [],
        Safety = new SafetyPolicy { DryRun = dryRun, MaxActionsPerRun = cap },
        ModelArchive = new ModelArchivePolicy
        {
            Rules = rules,
            Registries =
            [
                new ModelRegistryPolicy
                {
                    Name = "local",
                    Kind = ModelRegistryKind.Local,
                    Path = root,
                    Prices = new StoragePrices(CurrencyCode.Parse("USD"), new Dictionary<StorageTier, decimal>
                    {
                        [StorageTier.Hot] = 0.02m,
                        [StorageTier.Cool] = 0.01m,
                        [StorageTier.Cold] = 0.004m,
                        [StorageTier.Archive] = 0.0012m,
                    }),
                    MinimumStorageDays = new Dictionary<StorageTier, int>
                    {
                        [StorageTier.Hot] = 0, [StorageTier.Cool] = 30, [StorageTier.Cold] = 90,
                        [StorageTier.Archive] = 365,
                    },
                },
            ],
        },
    };

    public static ModelArchiveCycle Cycle(string statePath, TimeProvider time)
    {
        var journal = SqliteArchiveJournal.Open(statePath);
        var executor = new ArchiveExecutor(journal, time, NullLogger<ArchiveExecutor>.Instance);
        return new ModelArchiveCycle(journal, [], executor, time);
    }
}
