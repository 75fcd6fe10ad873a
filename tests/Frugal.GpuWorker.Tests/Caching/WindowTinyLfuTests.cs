using Frugal.GpuWorker.Caching;

namespace Frugal.GpuWorker.Tests.Caching;

public sealed class WindowTinyLfuTests
{
    [Fact]
    public void TryAdd_BeyondCapacity_KeepsCountAtCapacityAndReportsEachRemoval()
    {
        var cache = new WindowTinyLfu<int, string>(100);
        var removed = new List<string>();
        cache.Removed += removed.Add;

        for (var key = 0; key < 250; key++)
        {
            cache.TryAdd(key, $"v{key}");
        }

        Assert.Equal(100, cache.Count);
        Assert.Equal(150, removed.Count);
        Assert.Equal(250, removed.Distinct().Count() + cache.Count);
    }

    [Fact]
    public void TryAdd_KeyPresent_ReturnsFalseAndKeepsTheFirstValue()
    {
        var cache = new WindowTinyLfu<string, int>(10);

        var first = cache.TryAdd("model/1", 1);
        var second = cache.TryAdd("model/1", 2);

        Assert.True(first);
        Assert.False(second);
        Assert.True(cache.TryGet("model/1", out var value));
        Assert.Equal(1, value);
    }

    [Fact]
    public void FrequentKeys_SurviveAScanOfKeysSeenOnce()
    {
        var cache = new WindowTinyLfu<int, int>(100);
        for (var round = 0; round < 5; round++)
        {
            for (var key = 0; key < 50; key++)
            {
                if (!cache.TryGet(key, out _))
                {
                    cache.TryAdd(key, key);
                }
            }
        }

        for (var key = 1_000; key < 11_000; key++)
        {
            cache.TryGet(key, out _);
            cache.TryAdd(key, key);
        }

        var survivors = Enumerable.Range(0, 50).Count(key => cache.TryGet(key, out _));
        Assert.True(survivors >= 48, $"{survivors} of 50 frequent keys survived a one-hit scan of 10,000 keys");
    }

    [Fact]
    public void Trim_TakesProbationBeforeProtected()
    {
        var cache = new WindowTinyLfu<int, int>(100);
        for (var key = 0; key < 100; key++)
        {
            cache.TryAdd(key, key);
        }

        cache.TryAdd(100, 100);
        cache.TryAdd(101, 101);
        for (var key = 0; key < 10; key++)
        {
            cache.TryGet(key, out _);
        }

        cache.Trim(80);

        Assert.Equal(20, cache.Count);
        Assert.All(Enumerable.Range(0, 10), key => Assert.True(cache.TryGet(key, out _)));
    }
}
