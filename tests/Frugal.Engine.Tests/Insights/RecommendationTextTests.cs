using Frugal.Engine.Insights;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Insights;

public sealed class RecommendationTextTests
{
    [Theory]
    [InlineData("900", "about USD 900 a month")]
    [InlineData("0.01", "about USD 0.01 a month")]
    [InlineData("0.0000001", "under USD 0.01 a month")]
    [InlineData("0", "about USD 0 a month")]
    public void MonthlySavingText_TinySavings_NeverReadAsZero(string amount, string expected)
    {
        var saving = new Engine.Money.Money(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
            CurrencyCode.Parse("USD"));
        var recommendation = new Recommendation(
            RecommendationKind.HotModelStorage, "Archive", ["a: b"], saving, "how", "adopt");

        Assert.Equal(expected, recommendation.MonthlySavingText);
    }
}
