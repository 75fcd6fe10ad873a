using System.Globalization;

namespace Frugal.Bench;

/// <summary>Prints the ingest figures as a Markdown table, ready for docs/benchmarks.md.</summary>
internal static class IngestReport
{
    public static void Print(string[] names, List<Timing>[] runs, long[] peaks, long bytes, IngestResult result)
    {
        Console.WriteLine(Invariant(
            $"ledger entries: {result.Groups}, BilledCost total {result.BilledTotal}; every contender agrees"));
        Console.WriteLine();
        Console.WriteLine(
            "| contender | median wall s | best wall s | median MB/s | best MB/s | median CPU s | peak RSS MiB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var medians = runs.Select(timings => Median(timings.Select(t => t.WallSeconds))).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var best = runs[i].Min(t => t.WallSeconds);
            var cpu = Median(runs[i].Select(t => t.CpuSeconds));
            Console.WriteLine(
                Invariant($"| {names[i]} | {medians[i]:F3} | {best:F3} | {Rate(bytes, medians[i]):F0} ") +
                Invariant($"| {Rate(bytes, best):F0} | {cpu:F3} | {peaks[i] / 1048576.0:F0} |"));
        }

        Console.WriteLine();
        for (var i = 1; i < names.Length; i++)
        {
            var bestRatio = runs[i].Min(t => t.WallSeconds) / runs[0].Min(t => t.WallSeconds);
            Console.WriteLine(Invariant(
                $"Frugal vs {names[i]}: {medians[i] / medians[0]:F2}x median, {bestRatio:F2}x best"));
        }

        Console.WriteLine("MB = 10^6 bytes of the uncompressed CSV; peak RSS = VmHWM of a child process.");
    }

    private static double Rate(long bytes, double seconds) => bytes / 1e6 / seconds;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
