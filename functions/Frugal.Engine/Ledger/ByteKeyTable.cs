using System.Numerics;
using System.Runtime.InteropServices;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Interns byte strings to dense ids without allocating per lookup: an open-addressing table of hashes over one
/// growing arena that holds each distinct key once. Lookups compare the key bytes, so collisions are harmless.
/// </summary>
internal sealed class ByteKeyTable
{
    private byte[] _arena = new byte[64 * 1024];
    private int _arenaUsed;
    private int[] _buckets = new int[1024];
    private Entry[] _entries = new Entry[512];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> KeyOf(int id) => _arena.AsSpan(_entries[id].Offset, _entries[id].Length);

    /// <summary>Returns the key's id, or -1 when it has not been added.</summary>
    public int Find(ReadOnlySpan<byte> key, ulong hash)
    {
        var mask = _buckets.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var id = _buckets[slot] - 1;
            if (id < 0)
            {
                return -1;
            }

            ref readonly var entry = ref _entries[id];
            if (entry.Hash == hash && key.SequenceEqual(_arena.AsSpan(entry.Offset, entry.Length)))
            {
                return id;
            }
        }
    }

    /// <summary>Adds a key that <see cref="Find"/> did not find and returns its new id.</summary>
    public int Add(ReadOnlySpan<byte> key, ulong hash)
    {
        if ((Count + 1) * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        if (_arenaUsed + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + key.Length));
        }

        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        key.CopyTo(_arena.AsSpan(_arenaUsed));
        var id = Count++;
        _entries[id] = new Entry(hash, _arenaUsed, key.Length);
        _arenaUsed += key.Length;
        Place(_buckets, id, hash);
        return id;
    }

    /// <summary>
    /// A fast 64-bit hash, 32 bytes per step over four independent lanes so the multiplies overlap; strong
    /// enough for a table that checks equality anyway.
    /// </summary>
    public static ulong Hash(ReadOnlySpan<byte> key)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(key);
        var (a, b, c, d) = (Seed ^ (ulong)key.Length, LaneB, LaneC, LaneD);
        var i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            a = Step(a, words[i]);
            b = Step(b, words[i + 1]);
            c = Step(c, words[i + 2]);
            d = Step(d, words[i + 3]);
        }

        for (; i < words.Length; i++)
        {
            a = Step(a, words[i]);
        }

        var tail = key[(words.Length * sizeof(ulong))..];
        if (!tail.IsEmpty)
        {
            Span<byte> last = stackalloc byte[sizeof(ulong)];
            last.Clear();
            tail.CopyTo(last);
            b = Step(b, MemoryMarshal.Read<ulong>(last));
        }

        return Mix(a ^ BitOperations.RotateLeft(b, 17) ^ BitOperations.RotateLeft(c, 31) ^
            BitOperations.RotateLeft(d, 47));
    }

    private const ulong Seed = 0x9E3779B97F4A7C15;
    private const ulong LaneB = 0xC2B2AE3D27D4EB4F;
    private const ulong LaneC = 0x165667B19E3779F9;
    private const ulong LaneD = 0x27D4EB2F165667C5;

    private static ulong Step(ulong lane, ulong word) => (BitOperations.RotateLeft(lane, 23) ^ word) * Seed;

    // The final avalanche of MurmurHash3, so the low bits that pick a bucket depend on every input bit.
    private static ulong Mix(ulong hash)
    {
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCD;
        hash ^= hash >> 33;
        hash *= 0xC4CEB9FE1A85EC53;
        return hash ^ (hash >> 33);
    }

    private void Rehash(int size)
    {
        var buckets = new int[size];
        for (var id = 0; id < Count; id++)
        {
            Place(buckets, id, _entries[id].Hash);
        }

        _buckets = buckets;
    }

    private static void Place(int[] buckets, int id, ulong hash)
    {
        var mask = buckets.Length - 1;
        var slot = (int)hash & mask;
        while (buckets[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        buckets[slot] = id + 1;
    }

    private readonly record struct Entry(ulong Hash, int Offset, int Length);
}
