using System.Diagnostics;
using System.Globalization;
using Frugal.Samples;

namespace Frugal.Bench;

/// <summary>
/// Ledger ingest, side by side: Frugal's one-thread reader against DuckDB's read_csv on the same file, the same
/// aggregation, alternating repetitions so both see the same machine weather. Peak memory comes from separate
/// child processes, one per contender.
/// </summary>
internal static class IngestBenchmark
{
    private static readonly DateOnly Month = new(2026, 11, 1);
    private const int Seed = 7;

    public static async Task<int> RunAsync(int rows, int repetitions)
    {
        var path = EnsureInput(rows);
        var bytes = new FileInfo(path).Length;
        var duckDefault = IngestEngines.DuckDbThreads(0);
        var contenders = new (string Name, Func<Task<IngestResult>> Run, string Engine, int Threads)[]
        {
            ("Frugal FocusLedgerReader (CostLedger build)", () => IngestEngines.FrugalAsync(path), "frugal", 1),
            ($"DuckDB read_csv, threads={duckDefault} (default)", () => Task.FromResult(IngestEngines.DuckDb(path, 0)), "duckdb", 0),
            ("DuckDB read_csv, threads=1", () => Task.FromResult(IngestEngines.DuckDb(path, 1)), "duckdb", 1),
        };

        Console.WriteLine(Invariant($"input: {path} ({bytes / 1e6:F1} MB, {rows} rows); warming up (page cache, JIT)"));
        var expected = await contenders[0].Run();
        foreach (var contender in contenders.Skip(1))
        {
            Check(contender.Name, expected, await contender.Run());
        }

        var seconds = contenders.Select(_ => new List<double>()).ToArray();
        for (var rep = 0; rep < repetitions; rep++)
        {
            for (var i = 0; i < contenders.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                await contenders[i].Run();
                seconds[i].Add(watch.Elapsed.TotalSeconds);
            }
        }

        var peaks = contenders.Select(c => MeasurePeak(path, c.Engine, c.Threads)).ToArray();
        PrintTable(contenders.Select(c => c.Name).ToArray(), seconds, peaks, bytes, expected);
        return 0;
    }

    private static string EnsureInput(int rows)
    {
        var folder = Path.Combine(RepositoryRoot(), "bench", "out");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Invariant($"focus-{rows}-seed{Seed}.csv"));
        if (!File.Exists(path))
        {
            Console.WriteLine(Invariant($"generating {path} ({rows} rows, seed {Seed}) once"));
            var partial = path + ".partial";
            FocusSampleGenerator.WriteFile(partial, rows, Seed, Month);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }

    private static void Check(string name, IngestResult expected, IngestResult actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{name} disagrees with Frugal: {actual} != {expected}");
        }
    }

    private static long MeasurePeak(string path, string engine, int threads)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ingest-once", engine, path, "--threads", threads.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var marker = output.IndexOf("peak_rss_bytes=", StringComparison.Ordinal);
        return marker < 0 ? -1 : long.Parse(output[(marker + "peak_rss_bytes=".Length)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static void PrintTable(string[] names, List<double>[] seconds, long[] peaks, long bytes, IngestResult result)
    {
        Console.WriteLine(Invariant($"groups: {result.Groups}, billed total {result.BilledTotal}, all engines agree"));
        Console.WriteLine();
        Console.WriteLine("| contender | median s | best s | median MB/s | best MB/s | peak RSS MiB (child process) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var medians = seconds.Select(Median).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var best = seconds[i].Min();
            Console.WriteLine(Invariant(
                $"| {names[i]} | {medians[i]:F3} | {best:F3} | {bytes / 1e6 / medians[i]:F0} | {bytes / 1e6 / best:F0} | {peaks[i] / 1048576.0:F0} |"));
        }

        Console.WriteLine();
        for (var i = 1; i < names.Length; i++)
        {
            Console.WriteLine(Invariant($"Frugal / {names[i]}: {medians[i] / medians[0]:F2}x (median throughput ratio)"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
