using System.Globalization;

namespace Frugal.Bench;

/// <summary>
/// One ingest in a fresh process, reporting the process's peak resident set (VmHWM from /proc/self/status):
/// runtime, code and data included, which is what a machine has to provide.
/// </summary>
internal static class IngestOnce
{
    public static async Task<int> RunAsync(string engine, string path, int threads)
    {
        var result = engine == "frugal" ? await IngestEngines.FrugalAsync(path) : IngestEngines.DuckDb(path, threads);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"groups={result.Groups} peak_rss_bytes={PeakResidentBytes()}"));
        return 0;
    }

    public static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }
}
