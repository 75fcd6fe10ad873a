using System.Diagnostics;

namespace Frugal.GpuWorker.Bench;

/// <summary>A small timing loop: warm up, then the median of several timed rounds, in seconds per call.</summary>
internal static class Measure
{
    public static double SecondsPerCall(Action call, int callsPerRound, int rounds = 7, int warmup = 200)
    {
        for (var i = 0; i < warmup; i++)
        {
            call();
        }

        var perCall = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < callsPerRound; i++)
            {
                call();
            }

            perCall[r] = Stopwatch.GetElapsedTime(started).TotalSeconds / callsPerRound;
        }

        Array.Sort(perCall);
        return perCall[rounds / 2];
    }
}
