using System.Numerics;

namespace Frugal.GpuWorker.Caching;

/// <summary>
/// A count-min sketch of 4-bit counters that estimates how often each key was seen lately: four counters per key,
/// the estimate is the smallest. Sixteen counters per cached entry keep collisions rare when the key space is a
/// hundred times the cache; every counter is halved after ten increments per entry, so old popularity fades.
/// Not thread-safe: the cache calls it under its lock.
/// </summary>
internal sealed class FrequencySketch
{
    private const int Depth = 4;
    private const long LowBitsMask = 0x7777_7777_7777_7777L;
    private static readonly ulong[] Seeds =
        [0xC3A5_C85C_97CB_3127UL, 0xB492_B66F_BE98_F273UL, 0x9AE1_6A3B_2F90_404FUL, 0xCBF2_9CE4_8422_2325UL];

    private readonly long[] table;
    private readonly int sampleSize;
    private int additions;

    public FrequencySketch(int capacity)
    {
        var words = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        table = new long[words];
        sampleSize = 10 * Math.Max(capacity, 16);
    }

    public int Estimate(int hash)
    {
        var frequency = 15;
        for (var row = 0; row < Depth; row++)
        {
            frequency = Math.Min(frequency, Counter(Slot(hash, row)));
        }

        return frequency;
    }

    public void Increment(int hash)
    {
        var added = false;
        for (var row = 0; row < Depth; row++)
        {
            var slot = Slot(hash, row);
            if (Counter(slot) < 15)
            {
                table[slot >> 4] += 1L << ((slot & 15) << 2);
                added = true;
            }
        }

        if (added && ++additions == sampleSize)
        {
            Halve();
        }
    }

    private int Counter(int slot) => (int)((table[slot >> 4] >> ((slot & 15) << 2)) & 0xF);

    /// <summary>Counter index for a row: the hash mixed with the row's seed, then reduced to the table.</summary>
    private int Slot(int hash, int row)
    {
        var mixed = ((ulong)(uint)hash + Seeds[row]) * 0x9E37_79B9_7F4A_7C15UL;
        mixed ^= mixed >> 29;
        return (int)(mixed & (((ulong)table.Length << 4) - 1));
    }

    private void Halve()
    {
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (table[i] >> 1) & LowBitsMask;
        }

        additions = sampleSize / 2;
    }
}
