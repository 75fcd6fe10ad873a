using System.Globalization;
using System.Text;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Timestamps as real exports write them: <c>2024-10-01T00:00:00Z</c>, <c>2024-10-01 00:00:00</c>, with or without
/// fractions or an offset, or a bare date. Text without an offset is UTC. Results are always at offset zero.
/// </summary>
public static class FocusTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^4];
        }

        var parsed = DateTimeOffset.TryParse(
            trimmed,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
        value = parsed ? value.ToUniversalTime() : default;
        return parsed;
    }

    internal static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value) =>
        TryParseFast(text, out value) || TryParseSlow(text, out value);

    // yyyy-MM-dd[T ]HH:mm:ss with an optional Z: the shape of nearly every export, parsed without allocating.
    private static bool TryParseFast(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length == 20 && (text[19] == (byte)'Z' || text[19] == (byte)'z'))
        {
            text = text[..19];
        }

        if (text.Length != 19 || text[4] != (byte)'-' || text[7] != (byte)'-' ||
            (text[10] != (byte)'T' && text[10] != (byte)' ') || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        var year = Digits(text[..4]);
        var month = Digits(text.Slice(5, 2));
        var day = Digits(text.Slice(8, 2));
        var hour = Digits(text.Slice(11, 2));
        var minute = Digits(text.Slice(14, 2));
        var second = Digits(text.Slice(17, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var result = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - (byte)'0');
            if (digit > 9)
            {
                return -1;
            }

            result = (result * 10) + (int)digit;
        }

        return result;
    }

    private static bool TryParseSlow(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length > 64 || !System.Text.Unicode.Utf8.IsValid(text))
        {
            return false;
        }

        Span<char> chars = stackalloc char[64];
        var length = Encoding.UTF8.GetChars(text, chars);
        return TryParse(chars[..length], out value);
    }
}
