namespace Frugal.Engine.Tests.Policies;

public sealed class SafetyValidationTests
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

    [Fact]
    public void Parse_SafetyGiven_ReadsEverySetting()
    {
        const string safety = """
            safety:
              dryRun: false
              maxActionsPerRun: 5
              exemptionLabel: cost.example.com/keep
            """;

        var policy = PolicyAssert.Valid(safety + "\n" + Budgets);

        Assert.False(policy.Safety.DryRun);
        Assert.Equal(5, policy.Safety.MaxActionsPerRun);
        Assert.Equal("cost.example.com/keep", policy.Safety.ExemptionLabel);
    }

    [Theory]
    [InlineData("dryRun: yes", 11, "'dryRun' must be true or false, got 'yes'")]
    [InlineData("maxActionsPerRun: 0", 21, "'maxActionsPerRun' must be at least 1")]
    [InlineData("maxActionsPerRun: -3", 21, "'maxActionsPerRun' must be at least 1")]
    [InlineData("maxActionsPerRun: 2.5", 21, "'maxActionsPerRun' must be a whole number, got '2.5'")]
    [InlineData("maxActionsPerRun: many", 21, "'maxActionsPerRun' must be a whole number, got 'many'")]
    [InlineData("exemptionLabel: do not touch", 19, "'exemptionLabel' 'do not touch' is not a label key")]
    [InlineData("dryrun: true", 3, "unknown key 'dryrun'; did you mean 'dryRun'?")]
    public void Parse_BadSafetySetting_ReportedAtItsPlace(string setting, int column, string message)
    {
        var yaml = "safety:\n  " + setting + "\n" + Budgets;

        PolicyAssert.SingleError(yaml, 2, column, message);
    }

    [Fact]
    public void Parse_SafetyIsAList_Refused()
    {
        PolicyAssert.SingleError("safety: [dryRun]\n" + Budgets, 1, 9, "'safety' must be a mapping");
    }
}
