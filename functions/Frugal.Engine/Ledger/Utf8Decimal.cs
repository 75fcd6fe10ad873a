using System.Globalization;
using System.Text;

namespace Frugal.Engine.Ledger;

/// <summary>Parses a decimal straight from UTF-8 bytes, keeping the scale written (1.10 stays 1.10).</summary>
internal static class Utf8Decimal
{
    private const int MaxFastDigits = 19;

    public static bool TryParse(ReadOnlySpan<byte> text, out decimal value) =>
        TryParseFast(text, out value) || TryParseSlow(text, out value);

    // Plain [sign]digits[.digits] with at most 19 digits fits a ulong mantissa: by far the common shape.
    private static bool TryParseFast(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - (byte)'0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (text[i] == (byte)'.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || digits > MaxFastDigits)
        {
            return false;
        }

        var (low, middle) = ((int)mantissa, (int)(mantissa >> 32));
        value = new decimal(low, middle, 0, negative && mantissa != 0, (byte)Math.Max(scale, 0));
        return true;
    }

    private static bool TryParseSlow(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        if (text.Length > 128 || !System.Text.Unicode.Utf8.IsValid(text))
        {
            return false;
        }

        Span<char> chars = stackalloc char[128];
        var length = Encoding.UTF8.GetChars(text, chars);
        return decimal.TryParse(
            chars[..length].Trim(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out value);
    }
}
