using System.Runtime.Intrinsics;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Assembles the bytes of a composite key in a reused buffer: each field behind a three-byte length whose bytes
/// all have the high bit set, so no field can blur into the next. ASCII letters are folded to lower case in one
/// pass at the end, because exports spell the same value in different cases; the length bytes are never letters.
/// </summary>
internal sealed class KeyBuilder
{
    private const int NullLength = (1 << 21) - 1;
    private byte[] _buffer = new byte[4096];
    private int _length;

    /// <summary>Folds the ASCII letters of the key to lower case and returns it; call once per key.</summary>
    public ReadOnlySpan<byte> Complete()
    {
        var key = _buffer.AsSpan(0, _length);
        FoldAsciiCase(key);
        return key;
    }

    public void Reset() => _length = 0;

    public void AppendField(in FocusRow row, int slot)
    {
        if (row.IsNull(slot))
        {
            AppendLength(NullLength);
            return;
        }

        // The text between the quotes, doubled quotes and all, stands for the value one to one: collapsing them
        // would cost a pass over every row for no gain in telling keys apart.
        var raw = row.Raw(slot);
        AppendLength(raw.Length);
        raw.CopyTo(_buffer.AsSpan(_length));
        _length += raw.Length;
    }

    /// <summary>Appends a number as five bytes of seven bits each, high bits set like the lengths.</summary>
    public void AppendInt(int value)
    {
        Reserve(5);
        var bits = (uint)value;
        for (var i = 0; i < 5; i++, bits >>= 7)
        {
            _buffer[_length++] = (byte)(0x80 | (bits & 0x7F));
        }
    }

    private void AppendLength(int length)
    {
        Reserve(length + 3);
        _buffer[_length] = (byte)(0x80 | (length & 0x7F));
        _buffer[_length + 1] = (byte)(0x80 | ((length >> 7) & 0x7F));
        _buffer[_length + 2] = (byte)(0x80 | (length >> 14));
        _length += 3;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }

    private static void FoldAsciiCase(Span<byte> bytes)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create((byte)'A');
            var letters = Vector256.Create((byte)26);
            var bit = Vector256.Create((byte)0x20);
            for (; i + 32 <= bytes.Length; i += 32)
            {
                var chunk = Vector256.Create(bytes.Slice(i, 32));
                var upper = Vector256.LessThan(chunk - a, letters);
                (chunk | (upper & bit)).CopyTo(bytes[i..]);
            }
        }

        for (; i < bytes.Length; i++)
        {
            if ((uint)(bytes[i] - 'A') < 26)
            {
                bytes[i] |= 0x20;
            }
        }
    }
}
