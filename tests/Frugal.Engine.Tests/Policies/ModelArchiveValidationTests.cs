using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class ModelArchiveValidationTests
{
    private const string Budgets = """
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds:
              - at: 1.0
                actions: [holdTraining]
        """;

    private const string Prices = """
          prices: {currency: EUR, hot: 0.02, cool: 0.01, cold: 0.004, archive: 0.001}
        """;

    [Fact]
    public void Parse_FullSection_ReadsRulesRegistriesAndDefaults()
    {
        var yaml = """
            modelArchive:
              rules:
                keepNewest: 5
                servedWithinDays: 14
                pinLabel: keep-me
                targetClass: coldline
                deleteAfterDays: 400
            """ + "\n" + Prices + "\n" + """
              registries:
                - name: local
                  kind: local
                  path: models
                - name: gcs
                  kind: gcs
                  bucket: acme
                  prefix: /registry
                - name: blob
                  kind: azureBlob
                  container: models
                  connection: env:BLOB
                  rehydratePriority: high
                  minimumStorageDays: {archive: 200}
            """ + "\n" + Budgets;

        var archive = PolicyAssert.Valid(yaml).ModelArchive;

        Assert.Equal(new ArchiveRules
        {
            KeepNewest = 5, ServedWithinDays = 14, PinLabel = "keep-me", TargetTier = StorageTier.Cold,
            DeleteAfterDays = 400,
        }, archive.Rules);
        Assert.Equal(["local", "gcs", "blob"], archive.Registries.Select(r => r.Name));
        Assert.Equal(Path.Combine(PolicyAssert.BaseDirectory, "models"), archive.Registries[0].Path);
        Assert.Equal("registry/", archive.Registries[1].Prefix);
        Assert.Equal(365, archive.Registries[1].MinimumStorageDays[StorageTier.Archive]);
        Assert.Equal(200, archive.Registries[2].MinimumStorageDays[StorageTier.Archive]);
        Assert.Equal(90, archive.Registries[2].MinimumStorageDays[StorageTier.Cold]);
        Assert.True(archive.Registries[2].HighPriorityRehydration);
        Assert.Equal("EUR", archive.Registries[2].Prices.Currency.Code);
    }

    [Fact]
    public void Parse_NoSection_NothingToArchive()
    {
        var policy = PolicyAssert.Valid(Budgets);

        Assert.Empty(policy.ModelArchive.Registries);
        Assert.Null(policy.ModelArchive.Rules.DeleteAfterDays);
    }

    [Theory]
    [InlineData("    keepNewest: 0", 17, "'keepNewest' must be at least 1")]
    [InlineData("    targetClass: hot", 18, "'targetClass' must be colder than the hot class")]
    [InlineData("    targetClass: glacier", 18, "'targetClass' must be one of auto, ")]
    [InlineData("    pinLabel: do not move", 15, "'pinLabel' 'do not move' is not a metadata key")]
    [InlineData("    deleteAfterDay: 30", 5, "unknown key 'deleteAfterDay'; did you mean 'deleteAfterDays'?")]
    public void Parse_BadRule_ReportedAtItsPlace(string rule, int column, string message)
    {
        var yaml = "modelArchive:\n  rules:\n" + rule + "\n" + Budgets;

        PolicyAssert.SingleError(yaml, 3, column, message);
    }

    [Fact]
    public void Parse_AzureConnectionLiteral_RefusedWithoutRepeatingIt()
    {
        var yaml = "modelArchive:\n" + Prices + "\n" + """
              registries:
                - name: blob
                  kind: azureBlob
                  container: models
                  connection: AccountKey=secret
            """ + "\n" + Budgets;

        var error = PolicyAssert.SingleError(yaml, 7, 19, "'connection' is a secret");

        Assert.DoesNotContain("secret;", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RegistryWithoutPrices_Refused()
    {
        var yaml = """
            modelArchive:
              registries:
                - name: local
                  kind: local
                  path: models
            """ + "\n" + Budgets;

        PolicyAssert.SingleError(yaml, 3, 7, "a registry needs storage prices");
    }

    [Fact]
    public void Parse_KeyOfAnotherKind_Refused()
    {
        var yaml = "modelArchive:\n" + Prices + "\n" + """
              registries:
                - name: local
                  kind: local
                  path: models
                  bucket: acme
            """ + "\n" + Budgets;

        PolicyAssert.SingleError(yaml, 7, 7, "unknown key 'bucket'");
    }
}
