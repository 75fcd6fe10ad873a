namespace Frugal.Samples;

/// <summary>
/// A tiny seeded generator whose sequence is fixed by its algorithm, unlike <see cref="Random"/>, whose seeded
/// output .NET does not promise to keep: committed samples must regenerate byte for byte.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A whole number in [0, <paramref name="bound"/>).</summary>
    public int Below(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>A decimal in [<paramref name="low"/>, <paramref name="high"/>] with five decimals of grain.</summary>
    public decimal Between(decimal low, decimal high) => low + ((high - low) * (Next() % 100_001) / 100_000m);
}
