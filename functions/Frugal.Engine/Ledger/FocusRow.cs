using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Frugal.Engine.Ledger;

/// <summary>The fields of one data row that the reader was asked for, by slot, over the read buffer.</summary>
internal readonly ref struct FocusRow
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly ReadOnlySpan<CsvField> _fields;

    public FocusRow(ReadOnlySpan<byte> data, ReadOnlySpan<CsvField> fields)
    {
        _data = data;
        _fields = fields;
    }

    /// <summary>Absent columns, empty cells and the text NULL (any case) are all null.</summary>
    public bool IsNull(int slot)
    {
        var field = _fields[slot];
        return field.Start < 0 || field.Length == 0 ||
            (field.Length == 4 && Ascii.EqualsIgnoreCase(_data.Slice(field.Start, 4), "NULL"u8));
    }

    /// <summary>The bytes between the delimiters, doubled quotes not yet collapsed.</summary>
    public ReadOnlySpan<byte> Raw(int slot)
    {
        var field = _fields[slot];
        return field.Start < 0 ? default : _data.Slice(field.Start, field.Length);
    }

    /// <summary>Copies the value with doubled quotes collapsed and returns the bytes written.</summary>
    public int CopyValue(int slot, Span<byte> destination)
    {
        var raw = Raw(slot);
        if (!_fields[slot].Quoted)
        {
            raw.CopyTo(destination);
            return raw.Length;
        }

        var written = 0;
        while (true)
        {
            var quote = raw.IndexOf((byte)'"');
            if (quote < 0)
            {
                raw.CopyTo(destination[written..]);
                return written + raw.Length;
            }

            raw[..(quote + 1)].CopyTo(destination[written..]);
            written += quote + 1;
            raw = raw[Math.Min(quote + 2, raw.Length)..];
        }
    }

    /// <summary>The value as text; false when its bytes are not UTF-8. Null cells give a null value.</summary>
    public bool TryGetString(int slot, out string? value)
    {
        value = null;
        if (IsNull(slot))
        {
            return true;
        }

        var length = Raw(slot).Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = rented.AsSpan(0, CopyValue(slot, rented));
            if (!Utf8.IsValid(bytes))
            {
                return false;
            }

            value = Encoding.UTF8.GetString(bytes);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
