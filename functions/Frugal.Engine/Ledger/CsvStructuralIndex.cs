using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Finds the commas and line breaks that separate fields, 64 bytes at a time, the way simdjson finds JSON
/// structure: vector compares give bit masks, and a prefix XOR of the quote mask tells which bytes lie inside
/// quotes. Doubled quotes toggle twice and so need no special case. Positions come out in order; a line break
/// inside quotes comes out complemented (negative) so the reader can still count lines.
/// </summary>
internal sealed class CsvStructuralIndex
{
    private const int WindowBytes = 64 * 1024;
    private const int BlockBytes = 64;

    private readonly int[] _positions = new int[WindowBytes];
    private int _count;
    private int _next;
    private int _indexedTo;
    private ulong _insideCarry;

    /// <summary>Whether the bytes indexed so far end inside a quoted field.</summary>
    public bool EndsInsideQuotes => _insideCarry != 0;

    /// <summary>Starts indexing afresh at a record start, which is always outside quotes.</summary>
    public void Restart(int position)
    {
        _indexedTo = position;
        _count = 0;
        _next = 0;
        _insideCarry = 0;
    }

    /// <summary>The next separator after the last one returned; false at the end of <paramref name="data"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(ReadOnlySpan<byte> data, out int position)
    {
        if (_next < _count)
        {
            position = _positions[_next++];
            return true;
        }

        return TryNextWindow(data, out position);
    }

    private bool TryNextWindow(ReadOnlySpan<byte> data, out int position)
    {
        while (_next == _count)
        {
            if (_indexedTo >= data.Length)
            {
                position = 0;
                return false;
            }

            IndexWindow(data);
        }

        position = _positions[_next++];
        return true;
    }

    private void IndexWindow(ReadOnlySpan<byte> data)
    {
        var position = _indexedTo;
        var end = Math.Min(data.Length, position + WindowBytes);
        _count = 0;
        _next = 0;
        for (; position + BlockBytes <= end; position += BlockBytes)
        {
            IndexBlock(data.Slice(position, BlockBytes), position);
        }

        if (position < end)
        {
            // Zero padding matches none of the bytes searched for, so the short last block needs no special case.
            Span<byte> tail = stackalloc byte[BlockBytes];
            tail.Clear();
            data[position..end].CopyTo(tail);
            IndexBlock(tail, position);
        }

        _indexedTo = end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void IndexBlock(ReadOnlySpan<byte> block, int offset)
    {
        var (quotes, commas, newlines) = Masks(block);
        var inside = PrefixXor(quotes) ^ _insideCarry;
        _insideCarry = (ulong)((long)inside >> 63);
        var quotedNewlines = newlines & inside;
        var bits = ((commas | newlines) & ~inside) | quotedNewlines;
        var positions = _positions;
        var count = _count;
        while (bits != 0)
        {
            var bit = BitOperations.TrailingZeroCount(bits);
            var position = offset + bit;
            positions[count++] = ((quotedNewlines >> bit) & 1) == 0 ? position : ~position;
            bits &= bits - 1;
        }

        _count = count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Quotes, ulong Commas, ulong Newlines) Masks(ReadOnlySpan<byte> block)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var bytes = Vector512.Create(block);
            return (
                Vector512.Equals(bytes, Vector512.Create((byte)'"')).ExtractMostSignificantBits(),
                Vector512.Equals(bytes, Vector512.Create((byte)',')).ExtractMostSignificantBits(),
                Vector512.Equals(bytes, Vector512.Create((byte)'\n')).ExtractMostSignificantBits());
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.Create(block[..32]);
            var high = Vector256.Create(block[32..]);
            return (Mask256(low, high, (byte)'"'), Mask256(low, high, (byte)','), Mask256(low, high, (byte)'\n'));
        }

        return (Mask128(block, (byte)'"'), Mask128(block, (byte)','), Mask128(block, (byte)'\n'));
    }

    private static ulong Mask256(Vector256<byte> low, Vector256<byte> high, byte value)
    {
        var target = Vector256.Create(value);
        return Vector256.Equals(low, target).ExtractMostSignificantBits() |
            ((ulong)Vector256.Equals(high, target).ExtractMostSignificantBits() << 32);
    }

    private static ulong Mask128(ReadOnlySpan<byte> block, byte value)
    {
        var target = Vector128.Create(value);
        ulong mask = 0;
        for (var i = 0; i < 4; i++)
        {
            mask |= (ulong)Vector128.Equals(Vector128.Create(block.Slice(i * 16, 16)), target)
                .ExtractMostSignificantBits() << (i * 16);
        }

        return mask;
    }

    /// <summary>Bit i of the result is the XOR of bits 0..i: set where an odd number of quotes precede.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong bits)
    {
        if (Pclmulqdq.IsSupported)
        {
            return Pclmulqdq.CarrylessMultiply(
                Vector128.CreateScalar(bits), Vector128<ulong>.AllBitsSet, 0).ToScalar();
        }

        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        return bits ^ (bits << 32);
    }
}
