using System.Globalization;
using BitFaster.Caching.Lru;
using Frugal.GpuWorker.Caching;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Bench;

/// <summary>
/// Hit ratio of the worker's result cache on Zipf traffic (s = 1.0, 100,000 distinct requests, a cache holding 1% of
/// them, 2,000,000 requests, hits counted after the first 10%), against two optima on the same trace: the static
/// optimum (always holding
/// the most popular 1%, the best a policy can expect when requests are independent) and Belady's offline optimum
/// (evicting the entry needed furthest in the future, which no online policy can reach). A plain LRU is shown too.
/// </summary>
internal static class CacheHitRatioBench
{
    private const int Keys = 100_000;
    private const int Capacity = Keys / 100;
    private const int Requests = 2_000_000;
    private const double Skew = 1.0;

    /// <summary>Requests before counting: the static optimum is a steady state, so cold misses stay out.</summary>
    private const int Warmup = Requests / 10;

    public static void Run()
    {
        var trace = ZipfTrace();
        var worker = WorkerCache(trace);
        var lru = Lru(trace);
        var staticOptimum = StaticOptimum();
        var belady = Belady(trace);

        Console.WriteLine();
        Console.WriteLine(
            "| Zipf s=1.0, 100,000 keys, cache 1%, after warm-up | hit ratio | of static optimum | of Belady |");
        Console.WriteLine("|---|---|---|---|");
        Row("worker ResultCache (W-TinyLFU)", worker, staticOptimum, belady);
        Row("LRU (BitFaster ConcurrentLru)", lru, staticOptimum, belady);
        Row("static optimum (top 1% always held)", staticOptimum, staticOptimum, belady);
        Row("Belady offline optimum", belady, staticOptimum, belady);
    }

    private static void Row(string name, double ratio, double staticOptimum, double belady) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {ratio:P2} | {ratio / staticOptimum:P1} | {ratio / belady:P1} |"));

    private static int[] ZipfTrace()
    {
        var cumulative = new double[Keys];
        var total = 0.0;
        for (var k = 0; k < Keys; k++)
        {
            total += 1.0 / Math.Pow(k + 1, Skew);
            cumulative[k] = total;
        }

        var random = new Random(1234);
        var trace = new int[Requests];
        for (var i = 0; i < Requests; i++)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            trace[i] = index >= 0 ? index : ~index;
        }

        return trace;
    }

    private static double WorkerCache(int[] trace)
    {
        NamedTensor[] answer = [new NamedTensor("y", TensorDatatype.Fp32, [1], new byte[4])];
        const long entryBytes = 96 + 4 + 8 + 2;
        var cache = new ResultCache(Capacity * entryBytes, entryBytes);
        var hits = 0;
        for (var i = 0; i < trace.Length; i++)
        {
            var resultKey = ResultKey.FromNumber(trace[i]);
            if (cache.TryGet(resultKey, out _))
            {
                hits += i >= Warmup ? 1 : 0;
                continue;
            }

            cache.Add(resultKey, answer);
        }

        return (double)hits / (trace.Length - Warmup);
    }

    private static double Lru(int[] trace)
    {
        var cache = new ConcurrentLru<int, int>(Capacity);
        var hits = 0;
        for (var i = 0; i < trace.Length; i++)
        {
            if (cache.TryGet(trace[i], out _))
            {
                hits += i >= Warmup ? 1 : 0;
                continue;
            }

            cache.AddOrUpdate(trace[i], trace[i]);
        }

        return (double)hits / (trace.Length - Warmup);
    }

    private static double StaticOptimum()
    {
        double top = 0;
        double all = 0;
        for (var k = 0; k < Keys; k++)
        {
            var weight = 1.0 / Math.Pow(k + 1, Skew);
            all += weight;
            top += k < Capacity ? weight : 0;
        }

        return top / all;
    }

    private static double Belady(int[] trace)
    {
        var next = new int[trace.Length];
        var seen = new int[Keys];
        Array.Fill(seen, int.MaxValue);
        for (var i = trace.Length - 1; i >= 0; i--)
        {
            next[i] = seen[trace[i]];
            seen[trace[i]] = i;
        }

        var cachedNext = new int[Keys];
        Array.Fill(cachedNext, -1);
        var furthest = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        var size = 0;
        var hits = 0;
        for (var i = 0; i < trace.Length; i++)
        {
            var key = trace[i];
            if (cachedNext[key] >= 0)
            {
                hits += i >= Warmup ? 1 : 0;
            }
            else if (size == Capacity)
            {
                // Offline optimal: admit only if the newcomer is needed sooner than the furthest cached entry.
                while (furthest.TryPeek(out var victim, out var when) && cachedNext[victim] != when)
                {
                    furthest.Dequeue();
                }

                furthest.TryPeek(out var top, out var topNext);
                if (next[i] >= topNext)
                {
                    continue;
                }

                furthest.Dequeue();
                cachedNext[top] = -1;
                size--;
            }

            if (cachedNext[key] < 0)
            {
                size++;
            }

            cachedNext[key] = next[i];
            furthest.Enqueue(key, next[i]);
        }

        return (double)hits / (trace.Length - Warmup);
    }
}
