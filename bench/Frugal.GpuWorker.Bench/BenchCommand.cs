namespace Frugal.GpuWorker.Bench;

/// <summary>
/// Runs the GPU worker benchmarks: <c>overhead</c>, <c>throughput</c>, <c>int8</c>, <c>cache</c> or <c>all</c>,
/// with <c>--provider auto|cuda|cpu</c> (default cpu). Figures print as Markdown table rows.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var providerIndex = Array.IndexOf(args, "--provider");
        var provider = providerIndex >= 0 && providerIndex + 1 < args.Length ? args[providerIndex + 1] : "cpu";
        using var sessions = new BenchSessions(provider);
        var fallback = sessions.FallbackReason is null ? "" : $" (fallback: {sessions.FallbackReason})";
        Console.WriteLine($"provider requested: {provider}; provider used: {sessions.ProviderName}{fallback}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}");

        if (what is "overhead" or "all")
        {
            OverheadBench.Run(sessions);
        }

        if (what is "throughput" or "all")
        {
            ThroughputBench.Run(sessions);
        }

        if (what is "int8" or "all")
        {
            await QuantizedLatencyBench.RunAsync(sessions);
        }

        if (what is "cache" or "all")
        {
            CacheHitRatioBench.Run();
        }

        return 0;
    }
}
