using System.Globalization;
using System.Text;
using Frugal.Engine.Ledger;

namespace Frugal.Engine.Tests.Ledger;

public sealed class Utf8ParsingTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1.10", "1.10")]
    [InlineData("-25.5000000000", "-25.5000000000")]
    [InlineData("+3", "3")]
    [InlineData(".5", "0.5")]
    [InlineData("9999999999999999999", "9999999999999999999")]
    [InlineData("12345678901234567890.123", "12345678901234567890.123")]
    [InlineData("1.5E+3", "1500")]
    [InlineData("1e-2", "0.01")]
    [InlineData(" 4.25 ", "4.25")]
    public void TryParse_Number_KeepsEveryDigitAndScale(string text, string expected)
    {
        Assert.True(Utf8Decimal.TryParse(Encoding.UTF8.GetBytes(text), out var value));

        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData("1,5")]
    [InlineData("$4")]
    public void TryParse_NotANumber_ReturnsFalse(string text)
    {
        Assert.False(Utf8Decimal.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("2026-11-01T05:06:07Z", "2026-11-01T05:06:07")]
    [InlineData("2026-11-01 05:06:07", "2026-11-01T05:06:07")]
    [InlineData("2026-11-01t05:06:07z", "2026-11-01T05:06:07")]
    [InlineData("2026-11-01T07:06:07.5+02:00", "2026-11-01T05:06:07.5")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00")]
    public void TryParse_Timestamp_GivesUtc(string text, string expected)
    {
        Assert.True(FocusTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out DateTimeOffset value));

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture), value.DateTime);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2026-11-01T24:00:00Z")]
    [InlineData("not a time")]
    [InlineData("")]
    public void TryParse_NotATimestamp_ReturnsFalse(string text)
    {
        Assert.False(FocusTimestamp.TryParse(Encoding.UTF8.GetBytes(text), out DateTimeOffset _));
    }
}
