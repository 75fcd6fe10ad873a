using System.Diagnostics;
using System.Globalization;
using Frugal.Samples;

namespace Frugal.Bench;

/// <summary>
/// Ledger ingest, side by side: Frugal's one-thread reader against DuckDB's read_csv on the same file and the same
/// aggregation, in alternating repetitions so both see the same machine weather. Wall time gives throughput; the
/// process's CPU time is shown beside it because a shared machine stretches wall time. Peak memory comes from
/// separate child processes, one per contender.
/// </summary>
internal static class IngestBenchmark
{
    private const int Seed = 7;
    private static readonly DateOnly Month = new(2026, 11, 1);

    public static async Task<int> RunAsync(int rows, int repetitions)
    {
        var path = EnsureInput(rows);
        var bytes = new FileInfo(path).Length;
        var contenders = Contenders(path);

        Console.WriteLine(Invariant($"input: {path} ({bytes / 1e6:F1} MB, {rows} rows)"));
        Console.WriteLine("warming up (page cache, JIT) and checking that all contenders agree");
        var expected = await contenders[0].Run();
        foreach (var contender in contenders.Skip(1))
        {
            Check(contender.Name, expected, await contender.Run());
        }

        var runs = contenders.Select(_ => new List<Timing>()).ToArray();
        for (var rep = 0; rep < repetitions; rep++)
        {
            for (var i = 0; i < contenders.Length; i++)
            {
                runs[i].Add(await Time(contenders[i].Run));
            }
        }

        var peaks = contenders.Select(c => MeasurePeak(path, c.Engine, c.Threads)).ToArray();
        IngestReport.Print(contenders.Select(c => c.Name).ToArray(), runs, peaks, bytes, expected);
        return 0;
    }

    private static Contender[] Contenders(string path)
    {
        var duckDefault = IngestEngines.DuckDbThreads(0);
        return
        [
            new("Frugal FocusLedgerReader, 1 thread", () => IngestEngines.FrugalAsync(path), "frugal", 1),
            new(Invariant($"DuckDB read_csv, threads={duckDefault} (default)"),
                () => Task.FromResult(IngestEngines.DuckDb(path, 0)), "duckdb", 0),
            new("DuckDB read_csv, threads=1", () => Task.FromResult(IngestEngines.DuckDb(path, 1)), "duckdb", 1),
        ];
    }

    private static async Task<Timing> Time(Func<Task<IngestResult>> run)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await run();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return new Timing(wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
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

    /// <summary>Runs one ingest in a child process of this bench, which reports its own peak resident set.</summary>
    private static long MeasurePeak(string path, string engine, int threads)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(IngestBenchmark).Assembly.Location);
        }

        string[] arguments = ["ingest-once", engine, path, "--threads", threads.ToString(CultureInfo.InvariantCulture)];
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        const string Marker = "peak_rss_bytes=";
        var at = output.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? -1 : long.Parse(output[(at + Marker.Length)..].Trim(), CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record Contender(string Name, Func<Task<IngestResult>> Run, string Engine, int Threads);
}

/// <summary>Wall and process CPU seconds of one repetition.</summary>
internal readonly record struct Timing(double WallSeconds, double CpuSeconds);
