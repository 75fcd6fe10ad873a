using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class ExternalBudgetValidationTests
{
    private static string Budget(string external) => $$"""
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds: [{ at: 1.0, actions: [holdTraining] }]
            external:
        {{external}}
        """;

    [Fact]
    public void Load_ExternalLinks_AreRead()
    {
        var policy = PolicyAssert.Valid(Budget("""
                  gcpBudgetIds: [de72f49d-779b-4945-a127-4d6ce8def0bb]
                  azureBudgetNames: Test_actual_cost_budget
            """));

        var links = Assert.Single(policy.Budgets).External;
        Assert.Equal(["de72f49d-779b-4945-a127-4d6ce8def0bb"], links.GcpBudgetIds);
        Assert.Equal(["Test_actual_cost_budget"], links.AzureBudgetNames);
    }

    [Fact]
    public void Load_NoExternal_LinksNothing()
    {
        var policy = PolicyAssert.Valid("""
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds: [{ at: 1.0, actions: [holdTraining] }]
            """);

        Assert.True(Assert.Single(policy.Budgets).External.IsEmpty);
    }

    [Fact]
    public void Load_MisspeltExternalKey_IsRefusedWithTheLikelyKey()
    {
        PolicyAssert.SingleError(
            Budget("      gcpBudgetId: abc"), 7, 7, "unknown key 'gcpBudgetId'; did you mean 'gcpBudgetIds'?");
    }

    [Fact]
    public void Load_EmptyExternal_IsRefused()
    {
        PolicyAssert.SingleError(Budget("      {}"), 7, 7, "'external' needs 'gcpBudgetIds' or 'azureBudgetNames'");
    }

    [Fact]
    public void Load_ExternalNotAMapping_IsRefused()
    {
        PolicyAssert.SingleError(Budget("      - abc"), 7, 7, "'external' must be a mapping");
    }
}
