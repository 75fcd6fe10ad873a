using System.Diagnostics;
using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;

namespace Frugal.Bench;

/// <summary>
/// Times one plan (index the ledger, evaluate every budget, plan) over 1,000 budgets and the daily spend of
/// 100,000 resources for two months. Resources fold into ledger slices by the dimensions budgets filter on; two
/// shapes are timed: resources sharing slices as in a real organisation (a project belongs to one team), and the
/// worst case where nearly every resource is a slice of its own.
/// </summary>
internal static class PlanBenchmark
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static int Run(int resources, int budgetCount, int reps)
    {
        var policy = Policy(budgetCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"plan: {budgetCount:N0} budgets, {resources:N0} resources, daily spend 2026-10-01..2026-11-30, " +
            $"{Environment.ProcessorCount} cores"));
        Console.WriteLine(
            "shape            slices   entries    index ms  evaluate ms  plan ms  total ms  CPU ms (median by total)");
        foreach (var (shape, worst) in new[] { ("organised", false), ("one-per-resource", true) })
        {
            var ledger = Ledger(resources, worst);
            var timings = Enumerable.Range(0, reps).Select(_ => TimeOnce(policy, ledger)).ToList();
            var median = timings.OrderBy(t => t.Total).ElementAt(timings.Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{shape,-16} {ledger.Slices.Count,6:N0} {ledger.Entries.Count,9:N0} {median.Index,11:F0} " +
                $"{median.Evaluate,12:F0} {median.Plan,8:F0} {median.Total,9:F0} {median.Cpu,7:F0}"));
        }

        return 0;
    }

    private static (double Index, double Evaluate, double Plan, double Total, double Cpu) TimeOnce(
        FrugalPolicy policy, CostLedger ledger)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var index = new LedgerIndex(ledger);
        var indexed = clock.Elapsed.TotalMilliseconds;
        var statuses = BudgetEvaluator.Evaluate(policy, index, Now);
        var evaluated = clock.Elapsed.TotalMilliseconds;
        var plan = BudgetPlanner.Plan(policy, statuses, new HashSet<string>(), Now);
        var total = clock.Elapsed.TotalMilliseconds;
        GC.KeepAlive(plan);
        process.Refresh();
        return (indexed, evaluated - indexed, total - evaluated, total,
            (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    private static CostLedger Ledger(int resources, bool everyResourceItsOwnSlice)
    {
        var random = new Random(20261120);
        var sliceOf = new Dictionary<(int, int, int, int, int), int>();
        var slices = new List<CostSlice>();
        var dailyCost = new List<decimal>();
        for (var r = 0; r < resources; r++)
        {
            var project = random.Next(200);
            var team = everyResourceItsOwnSlice ? random.Next(50) : project % 50;
            var key = (project, random.Next(10), random.Next(5), team, random.Next(3));
            if (!sliceOf.TryGetValue(key, out var id))
            {
                id = slices.Count;
                sliceOf.Add(key, id);
                slices.Add(Slice(key));
                dailyCost.Add(0m);
            }

            dailyCost[id] += decimal.Round((decimal)random.NextDouble() * 40m, 6);
        }

        var first = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = new List<LedgerEntry>(slices.Count * 61);
        for (var s = 0; s < slices.Count; s++)
        {
            for (var d = 0; d < 61; d++)
            {
                var weekday = first.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.4m : 1m;
                var cost = decimal.Round(dailyCost[s] * weekday, 6);
                entries.Add(new LedgerEntry(first.AddDays(d), s, Usd, cost, cost));
            }
        }

        return new CostLedger(slices, entries, entries.Count, 0, []);
    }

    private static CostSlice Slice((int Project, int Service, int Region, int Team, int Env) key) =>
        new("Google Cloud", "01A2B3-C4D5E6-F7A8B9", $"project-{key.Project:000}", $"service-{key.Service}",
            $"region-{key.Region}", new Dictionary<string, string>
            {
                ["team"] = $"team-{key.Team:00}",
                ["env"] = $"env-{key.Env}",
            });

    // Four kinds of scope, as teams write them: a project, a team tag, a service in a region, two projects in one env.
    private static FrugalPolicy Policy(int budgetCount) => new()
    {
        Budgets = Enumerable.Range(0, budgetCount).Select(i => new BudgetPolicy
        {
            Name = $"budget-{i:0000}",
            Amount = new Money(i % 2 == 0 ? 20_000m : 400_000m, Usd),
            TimeZone = (i % 3) switch { 0 => "Europe/Berlin", 1 => "America/New_York", _ => "Etc/UTC" },
            Scope = (i % 4) switch
            {
                0 => new BudgetScope { SubAccounts = [$"project-{i % 200:000}"] },
                1 => new BudgetScope
                {
                    Tags = new Dictionary<string, IReadOnlyList<string>> { ["team"] = [$"team-{i % 50:00}"] },
                },
                2 => new BudgetScope { Services = [$"service-{i % 10}"], Regions = [$"region-{i % 5}"] },
                _ => new BudgetScope
                {
                    SubAccounts = [$"project-{i % 200:000}", $"project-{(i + 1) % 200:000}"],
                    Tags = new Dictionary<string, IReadOnlyList<string>> { ["env"] = ["env-1"] },
                },
            },
            Thresholds =
            [
                new ThresholdRule { Fraction = 0.5m, Actions = [new ActionRule { Kind = ActionKind.Notify }] },
                new ThresholdRule
                {
                    Fraction = 0.9m,
                    Basis = SpendBasis.Forecast,
                    Actions = [new ActionRule { Kind = ActionKind.Notify }],
                },
            ],
        }).ToList(),
        Safety = new SafetyPolicy { MaxActionsPerRun = 10_000 },
    };
}
