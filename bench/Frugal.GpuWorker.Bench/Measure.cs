using System.Diagnostics;

namespace Frugal.GpuWorker.Bench;

/// <summary>
/// A small timing loop: warm up, then several timed rounds, reporting the fastest round in seconds per call. The
/// fastest round is the figure least disturbed by other work on a shared machine.
/// </summary>
internal static class Measure
{
    public static double SecondsPerCall(Action call, int callsPerRound, int rounds = 9, int warmup = 200)
    {
        for (var i = 0; i < warmup; i++)
        {
            call();
        }

        var best = double.MaxValue;
        for (var r = 0; r < rounds; r++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < callsPerRound; i++)
            {
                call();
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds / callsPerRound);
        }

        return best;
    }
}
