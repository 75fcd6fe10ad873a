using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Tensors;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Caching;

/// <summary>
/// Answers already computed, kept in a W-TinyLFU cache (<see cref="WindowTinyLfu{TKey, TValue}"/>), whose
/// admission filter keeps hit ratios near the optimum under skewed traffic. The entry count bound is the byte budget
/// divided by the expected answer size; when answers run larger than expected, the coldest entries are trimmed until
/// the held bytes fit the budget again. An answer larger than an eighth of the budget is not kept.
/// </summary>
internal sealed class ResultCache
{
    private const int EntryOverheadBytes = 96;

    private readonly WindowTinyLfu<ResultKey, CachedAnswer>? cache;
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

        cache = new WindowTinyLfu<ResultKey, CachedAnswer>((int)entries);
        cache.Removed += removed => Interlocked.Add(ref heldBytes, -removed.Bytes);
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

        Interlocked.Add(ref heldBytes, bytes);
        if (!cache.TryAdd(key, new CachedAnswer(outputs, bytes)))
        {
            Interlocked.Add(ref heldBytes, -bytes);
        }

        TrimToBudget();
    }

    private void TrimToBudget()
    {
        if (Interlocked.Read(ref heldBytes) <= capacityBytes)
        {
            return;
        }

        var attempts = 0;
        while (Interlocked.Read(ref heldBytes) > capacityBytes && cache!.Count > 0 && attempts++ < 64)
        {
            cache.Trim(1);
        }
    }

    private sealed record CachedAnswer(IReadOnlyList<NamedTensor> Outputs, long Bytes);
}
