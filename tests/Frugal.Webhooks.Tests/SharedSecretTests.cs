namespace Frugal.Webhooks.Tests;

public sealed class SharedSecretTests
{
    [Theory]
    [InlineData("0123456789abcdef-secret", true)]
    [InlineData("0123456789abcdef-secreT", false)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_PresentedSecret_OnlyWhenEqual(string? presented, bool expected)
    {
        Assert.Equal(expected, SharedSecret.Matches("0123456789abcdef-secret", presented));
    }
}
