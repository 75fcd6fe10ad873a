using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

/// <summary>samples/frugal.yaml is the first file a newcomer reads; it must stay valid and mean what it says.</summary>
public sealed class SamplePolicyTests
{
    private static readonly FrugalPolicy Sample = PolicyLoader.Load(RepositoryRoot.SamplePolicy).EnsureValid();

    [Fact]
    public void Load_SamplePolicy_ValidWithThreeBudgetsTenThresholdsThreeChannels()
    {
        Assert.Equal(["ml-platform", "gpu-training", "sandbox"], Sample.Budgets.Select(b => b.Name));
        Assert.Equal(10, Sample.Budgets.Sum(b => b.Thresholds.Count));
        Assert.Equal(["ops-console", "ml-slack", "finops-mail"], Sample.Channels.Select(c => c.Name));
    }

    [Fact]
    public void Load_SamplePolicy_IsADryRunWithTheDefaultCap()
    {
        Assert.True(Sample.Safety.DryRun);
        Assert.Equal(20, Sample.Safety.MaxActionsPerRun);
    }

    [Fact]
    public void Load_SamplePolicy_DetachesBillingOnlyForTheSandbox()
    {
        var detaches = Sample.Budgets
            .SelectMany(b => b.Thresholds.SelectMany(t => t.Actions).Select(a => (Budget: b, Action: a)))
            .Where(x => x.Action.Kind == ActionKind.DetachBilling)
            .ToList();

        var (budget, action) = Assert.Single(detaches);
        Assert.Equal("sandbox", budget.Name);
        Assert.Equal("ml-research-dev", action.Project);
        Assert.Contains(action.Project, budget.Scope.SubAccounts);
    }

    [Fact]
    public void Load_SamplePolicy_ReadsTheSampleFocusExport()
    {
        var expected = Path.Combine(RepositoryRoot.Path, "samples", "focus", "ml-team-2026-11.csv.gz");

        Assert.Equal([expected], Sample.Sources.Focus);
    }
}
