using System.Globalization;

namespace Frugal.Bench;

/// <summary>Parses the bench's few arguments: <c>ingest [--rows N] [--reps N]</c>.</summary>
internal static class BenchCommand
{
    private const string UsageText =
        "usage: ingest [--rows 1000000] [--reps 5] | plan [--resources 100000] [--budgets 1000] [--reps 5] | " +
        "forecast [FOCUS file] | archive-plan [--versions 5000] [--reps 7]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(UsageText);
            return 2;
        }

        return args[0] switch
        {
            "ingest" => await IngestBenchmark.RunAsync(
                IntOption(args, "--rows", 1_000_000), IntOption(args, "--reps", 5)),
            "ingest-once" => await IngestOnce.RunAsync(args[1], args[2], IntOption(args, "--threads", 0)),
            "forecast" => await ForecastBenchmark.RunAsync(
                args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal)
                    ? args[1] : Path.Combine("samples", "focus", "ml-team-2026-11.csv.gz")),
            "plan" => PlanBenchmark.Run(
                IntOption(args, "--resources", 100_000),
                IntOption(args, "--budgets", 1_000),
                IntOption(args, "--reps", 5)),
            "archive-plan" => ArchivePlanBenchmark.Run(
                IntOption(args, "--versions", 5_000), IntOption(args, "--reps", 7)),
            _ => Usage(args[0]),
        };
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length
            ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : fallback;
    }

    private static int Usage(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'; {UsageText}");
        return 2;
    }
}
