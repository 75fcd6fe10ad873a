using Frugal.Engine.Budgets;

namespace Frugal.Engine.Tests.Budgets;

public sealed class FixedPointTests
{
    [Theory]
    [InlineData("0.000000001")]
    [InlineData("-12.5")]
    [InlineData("1.5000000000000")]
    [InlineData("8999999999.999999999")]
    [InlineData("0")]
    public void TryConvert_AtMostNineDecimals_RoundTripsExactly(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(FixedPoint.TryConvert([amount], out var nanos));
        Assert.Equal(amount, FixedPoint.ToDecimal(nanos[0]));
    }

    [Theory]
    [InlineData("0.0000000001")]
    [InlineData("9000000000")]
    [InlineData("-79228162514264337593543950335")]
    public void TryConvert_TooPreciseOrTooLarge_Refuses(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(FixedPoint.TryConvert([1m, amount], out _));
    }
}
