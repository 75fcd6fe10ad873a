namespace Frugal.Engine.Tests.Policies;

public sealed class AzureBlobSourceValidationTests
{
    private static string Sources(string azureBlob) => $$"""
        sources:
          azureBlob:
        {{azureBlob}}
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds: [{ at: 1.0, actions: [holdTraining] }]
        """;

    [Fact]
    public void Load_AzureBlobSource_IsRead()
    {
        var policy = PolicyAssert.Valid(Sources("""
                connection: env:FRUGAL_EXPORTS
                container: cost-exports
                prefix: focus/ml-platform/
            """));

        var source = policy.Sources.AzureBlob!;
        Assert.Equal(
            ("env:FRUGAL_EXPORTS", "cost-exports", "focus/ml-platform/"),
            (source.Connection, source.Container, source.Prefix));
    }

    [Fact]
    public void Load_LiteralConnectionString_IsRefusedWithoutRepeatingIt()
    {
        var diagnostic = PolicyAssert.SingleError(Sources("""
                connection: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0"
                container: cost-exports
            """), 3, 17, "'connection' is a secret");

        Assert.DoesNotContain("AccountKey", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ContainerNameWithCapitals_IsRefused()
    {
        PolicyAssert.SingleError(Sources("""
                connection: env:FRUGAL_EXPORTS
                container: CostExports
            """), 4, 16, "must be 3 to 63 lower-case letters");
    }
}
