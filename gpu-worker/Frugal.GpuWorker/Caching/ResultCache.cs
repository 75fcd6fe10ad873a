using BitFaster.Caching;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Scheduler;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Tensors;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Caching;

/// <summary>
/// Answers already computed, kept in a W-TinyLFU cache (BitFaster's ConcurrentLfu), whose admission filter keeps
/// hit ratios near the optimum under skewed traffic. The entry count bound is the byte budget divided by the
/// expected answer size; when answers run larger than expected, the coldest entries are trimmed until the held bytes
/// fit the budget again. An answer larger than an eighth of the budget is not kept.
/// </summary>
internal sealed class ResultCache
{
    private const int EntryOverheadBytes = 96;

    private readonly ICache<ResultKey, CachedAnswer>? cache;
    private readonly long capacityBytes;
    private long heldBytes;

    public ResultCache(long capacityBytes, long expectedEntryBytes)
    {
        this.capacityBytes = capacityBytes;
        var entries = Math.Clamp(capacityBytes / Math.Max(1, expectedEntryBytes), 0, int.MaxValue / 2);
        if (entries < 1)
        {
            return;
        }

        // Maintenance runs on the calling thread: the cache's policy then sees every access in order (a thread-pool
        // scheduler lags under load and lets the frequency sketch miss reads), and a request pays for it in small,
        // amortised steps.
        cache = new ConcurrentLfuBuilder<ResultKey, CachedAnswer>()
            .WithCapacity((int)entries)
            .WithScheduler(new ForegroundScheduler())
            .WithEvents()
            .Build();
        cache.Events.Value!.ItemRemoved += (_, removed) => Interlocked.Add(ref heldBytes, -removed.Value!.Bytes);
    }

    public ResultCache(IOptions<WorkerOptions> options)
        : this(options.Value.ResultCacheBytes, options.Value.ResultCacheEntryBytes)
    {
    }

    public bool Enabled => cache is not null;

    public long HeldBytes => Interlocked.Read(ref heldBytes);

    public int Count => cache?.Count ?? 0;

    public bool TryGet(ResultKey key, out IReadOnlyList<NamedTensor> outputs)
    {
        if (cache is not null && cache.TryGet(key, out var answer))
        {
            outputs = answer.Outputs;
            return true;
        }

        outputs = [];
        return false;
    }

    public void Add(ResultKey key, IReadOnlyList<NamedTensor> outputs)
    {
        if (cache is null)
        {
            return;
        }

        var bytes = EntryOverheadBytes
            + outputs.Sum(o => o.Bytes.LongLength + (8L * o.Shape.Length) + (2L * o.Name.Length));
        if (bytes > capacityBytes / 8)
        {
            return;
        }

        var answer = new CachedAnswer(outputs, bytes);
        if (ReferenceEquals(cache.GetOrAdd(key, _ => answer), answer))
        {
            Interlocked.Add(ref heldBytes, bytes);
        }

        TrimToBudget();
    }

    private void TrimToBudget()
    {
        if (Interlocked.Read(ref heldBytes) <= capacityBytes)
        {
            return;
        }

        // Pending evictions go through the admission policy first; trimming is for answers larger than expected.
        ((ConcurrentLfu<ResultKey, CachedAnswer>)cache!).DoMaintenance();
        var attempts = 0;
        while (Interlocked.Read(ref heldBytes) > capacityBytes && cache.Count > 0 && attempts++ < 64)
        {
            cache.Policy.Eviction.Value!.Trim(1);
        }
    }

    private sealed record CachedAnswer(IReadOnlyList<NamedTensor> Outputs, long Bytes);
}
