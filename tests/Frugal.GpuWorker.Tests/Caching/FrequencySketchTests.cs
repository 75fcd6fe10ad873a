using Frugal.GpuWorker.Caching;

namespace Frugal.GpuWorker.Tests.Caching;

public sealed class FrequencySketchTests
{
    [Fact]
    public void Estimate_CountsIncrementsUpToFifteen()
    {
        var sketch = new FrequencySketch(1_000);

        for (var i = 0; i < 7; i++)
        {
            sketch.Increment(42);
        }

        Assert.Equal(7, sketch.Estimate(42));
        Assert.Equal(0, sketch.Estimate(43));
    }

    [Fact]
    public void Estimate_SaturatesAtFifteen()
    {
        var sketch = new FrequencySketch(1_000);

        for (var i = 0; i < 40; i++)
        {
            sketch.Increment(7);
        }

        Assert.Equal(15, sketch.Estimate(7));
    }

    [Fact]
    public void Increment_AfterTheSampleSize_HalvesEveryCounter()
    {
        var sketch = new FrequencySketch(16);
        for (var i = 0; i < 8; i++)
        {
            sketch.Increment(-1);
        }

        for (var key = 0; key < 152; key++)
        {
            sketch.Increment(key * 7919);
        }

        Assert.Equal(4, sketch.Estimate(-1));
    }
}
