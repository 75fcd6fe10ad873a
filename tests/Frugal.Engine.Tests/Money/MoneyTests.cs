using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Money;

public sealed class MoneyTests
{
    [Fact]
    public void Add_DifferentCurrencies_Throws()
    {
        var usd = new Engine.Money.Money(1m, CurrencyCode.Parse("USD"));
        var eur = new Engine.Money.Money(1m, CurrencyCode.Parse("EUR"));

        Assert.Throws<InvalidOperationException>(() => usd + eur);
    }

    [Fact]
    public void ToString_LargeAmount_UsesInvariantGrouping()
    {
        var money = new Engine.Money.Money(40000m, CurrencyCode.Parse("usd"));

        Assert.Equal("USD 40,000.00", money.ToString());
    }

    [Theory]
    [InlineData("US")]
    [InlineData("XYZ")]
    [InlineData("")]
    public void TryParse_NotIso4217_ReturnsFalse(string text)
    {
        Assert.False(CurrencyCode.TryParse(text, out _));
    }
}
