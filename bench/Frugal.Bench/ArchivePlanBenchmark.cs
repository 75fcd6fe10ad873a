using System.Diagnostics;
using System.Globalization;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Bench;

/// <summary>
/// Times <see cref="ArchivePlanner.Plan"/> over a registry of many versions: 1 to 40 per model, a few objects
/// each, about a tenth aliased or pinned, about half served at some point in the last two years.
/// </summary>
internal static class ArchivePlanBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static int Run(int versions, int reps)
    {
        var inventory = Inventory(versions);
        var rules = new ArchiveRules { KeepNewest = 3, ServedWithinDays = 30, DeleteAfterDays = 730 };
        var timings = new List<double>();
        ArchivePlan? plan = null;
        for (var rep = 0; rep < reps + 1; rep++)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            plan = ArchivePlanner.Plan(rules, [inventory], Now);
            if (rep > 0)
            {
                timings.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        var models = inventory.Versions.Select(v => v.Model).Distinct().Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive-plan: {inventory.Versions.Count:N0} versions of {models:N0} models, "
            + $"{Environment.ProcessorCount} cores; {plan!.Decisions.Count:N0} to change, {plan.Kept.Count:N0} kept, "
            + $"saving {string.Join(" + ", plan.MonthlySaving)}/month"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plan ms: median {timings[timings.Count / 2]:F1}, best {timings[0]:F1}, worst {timings[^1]:F1} "
            + $"({reps} reps, first run untimed)"));
        return 0;
    }

    private static RegistryInventory Inventory(int count)
    {
        var random = new Random(20261120);
        var versions = new List<ModelVersionInfo>(count);
        for (var model = 0; versions.Count < count; model++)
        {
            var perModel = Math.Min(random.Next(1, 41), count - versions.Count);
            for (var v = 1; v <= perModel; v++)
            {
                versions.Add(Version(random, $"model-{model:0000}", v));
            }
        }

        return new RegistryInventory(Registry(), versions);
    }

    private static ModelVersionInfo Version(Random random, string model, int number)
    {
        var created = Now.AddDays(-random.Next(0, 900));
        var tier = random.Next(10) < 7 ? StorageTier.Hot : (StorageTier)random.Next(1, 4);
        var objects = Enumerable.Range(0, random.Next(1, 5))
            .Select(i => new ModelObject($"part-{i}.onnx", random.NextInt64(1L << 20, 8L << 30), tier))
            .ToList();
        return new ModelVersionInfo(model, number.ToString(CultureInfo.InvariantCulture), created, objects)
        {
            Aliases = random.Next(20) == 0 ? ["production"] : [],
            Pinned = random.Next(20) == 0,
            LastServed = random.Next(2) == 0 ? Now.AddDays(-random.Next(0, 730)) : null,
            TierChangedAt = tier == StorageTier.Hot ? null : created.AddDays(random.Next(0, 200)),
        };
    }

    private static ModelRegistryPolicy Registry() => new()
    {
        Name = "bench",
        Kind = ModelRegistryKind.Gcs,
        Bucket = "bench",
        Prices = new StoragePrices(CurrencyCode.Parse("USD"), new Dictionary<StorageTier, decimal>
        {
            [StorageTier.Hot] = 0.020m, [StorageTier.Cool] = 0.010m, [StorageTier.Cold] = 0.004m,
            [StorageTier.Archive] = 0.0012m,
        }),
        MinimumStorageDays = new Dictionary<StorageTier, int>
        {
            [StorageTier.Hot] = 0, [StorageTier.Cool] = 30, [StorageTier.Cold] = 90, [StorageTier.Archive] = 365,
        },
    };
}
