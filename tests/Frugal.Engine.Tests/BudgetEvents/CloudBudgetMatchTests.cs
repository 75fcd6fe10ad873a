using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;
using static Frugal.Engine.Tests.Support.TestPolicies;

namespace Frugal.Engine.Tests.BudgetEvents;

public sealed class CloudBudgetMatchTests
{
    private static readonly DateTimeOffset Fired = new(2022, 12, 7, 21, 13, 20, TimeSpan.Zero);

    [Fact]
    public void BudgetsFor_GcpBudgetLinkedById_FindsTheBudget()
    {
        var policy = Policy(budgets:
        [
            Budget("gpu-training") with { External = new CloudBudgetLinks { GcpBudgetIds = ["b-1"] } },
            Budget("sandbox"),
        ]);

        var budgets = CloudBudgetMatch.BudgetsFor(policy, TestBudgetEvents.Gcp(1m, Fired, budgetId: "b-1"));

        Assert.Equal(["gpu-training"], budgets.Select(b => b.Name));
    }

    [Theory]
    [InlineData("test_actual_cost_budget")]
    [InlineData("Test_actual_cost_budget")]
    public void BudgetsFor_AzureBudgetLinkedByName_IgnoresCase(string linkedName)
    {
        var policy = Policy(budgets:
            Budget("ml-platform") with { External = new CloudBudgetLinks { AzureBudgetNames = [linkedName] } });

        var budgets = CloudBudgetMatch.BudgetsFor(policy, TestBudgetEvents.Azure("Test_actual_cost_budget", 1m, Fired));

        Assert.Single(budgets);
    }

    [Fact]
    public void BudgetsFor_NoLinkButSameName_MatchesByName()
    {
        var policy = Policy(budgets: [Budget("ml-sandbox"), Budget("other")]);

        var budgets = CloudBudgetMatch.BudgetsFor(policy, TestBudgetEvents.Azure("ML-Sandbox", 1m, Fired));

        Assert.Equal(["ml-sandbox"], budgets.Select(b => b.Name));
    }

    [Fact]
    public void BudgetsFor_LinkedElsewhere_DoesNotAlsoMatchByName()
    {
        var policy = Policy(budgets:
        [
            Budget("ml-sandbox"),
            Budget("linked") with { External = new CloudBudgetLinks { AzureBudgetNames = ["ml-sandbox"] } },
        ]);

        var budgets = CloudBudgetMatch.BudgetsFor(policy, TestBudgetEvents.Azure("ml-sandbox", 1m, Fired));

        Assert.Equal(["linked"], budgets.Select(b => b.Name));
    }

    [Fact]
    public void BudgetsFor_UnknownCloudBudget_MatchesNothing()
    {
        var policy = Policy(budgets: Budget("ml-platform"));

        Assert.Empty(CloudBudgetMatch.BudgetsFor(policy, TestBudgetEvents.Gcp(1m, Fired)));
    }
}
