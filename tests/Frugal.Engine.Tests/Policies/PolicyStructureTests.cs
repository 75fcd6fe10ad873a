using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class PolicyStructureTests
{
    [Fact]
    public void Parse_UnknownKeyCloseToAKnownOne_SuggestsIt()
    {
        const string yaml = """
            safety:
              maxActionPerRun: 5
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        PolicyAssert.SingleError(yaml, 2, 3, "unknown key 'maxActionPerRun'; did you mean 'maxActionsPerRun'?");
    }

    [Fact]
    public void Parse_MisspeltThresholds_IsAnErrorRatherThanABudgetThatNeverFires()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholdz:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        var result = PolicyAssert.Parse(yaml);

        Assert.Null(result.Policy);
        Assert.Equal(
            [
                "policy.yaml:2:5: budget 'ml' is missing 'thresholds'",
                "policy.yaml:5:5: unknown key 'thresholdz'; did you mean 'thresholds'?",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_UnknownKeyFarFromAnyKnownOne_ListsTheKnownKeys()
    {
        const string yaml = """
            colour: blue
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        PolicyAssert.SingleError(yaml, 1, 1,
            "unknown key 'colour'; expected one of version, safety, sources, state, channels, routes, " +
            "notifications, budgets");
    }

    [Fact]
    public void Parse_DuplicateKey_ReportedAtTheSecondNamingTheFirstLine()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                amount: 200
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        PolicyAssert.SingleError(yaml, 5, 5, "duplicate key 'amount' (first at line 3)");
    }

    [Fact]
    public void Parse_ListWhereANumberIsDue_ReportedAtTheValue()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: [100]
                currency: USD
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        PolicyAssert.SingleError(yaml, 3, 13, "'amount' must be a number, got a list");
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneInFileOrder()
    {
        const string yaml = """
            safety:
              dryRun: maybe
            channels:
              - name: ml-slack
                kind: slack
                webhookUrl: https://hooks.slack.com/services/T0/B0/xyz
            budgets:
              - name: ml
                amount: -5
                currency: USX
                timeZone: Mars/Olympus
                thresholds:
                  - at: 11
                    actions:
                      - notify: [nobody]
            """;

        var result = PolicyAssert.Parse(yaml);

        Assert.Null(result.Policy);
        Assert.Equal(
            [(2, 11), (6, 17), (9, 13), (10, 15), (11, 15), (13, 13), (15, 22)],
            result.Diagnostics.Select(d => (d.Line, d.Column)));
        Assert.Contains("'dryRun' must be true or false, got 'maybe'", result.Diagnostics[0].Message,
            StringComparison.Ordinal);
        Assert.Contains("unknown channel 'nobody'; expected one of ml-slack", result.Diagnostics[6].Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RootIsAList_Refused()
    {
        PolicyAssert.SingleError("- budgets\n- safety\n", 1, 1, "a policy is a YAML mapping");
    }

    [Fact]
    public void Parse_PlainText_Refused()
    {
        PolicyAssert.SingleError("this is not a policy\n", 1, 1, "found 'this is not a policy'");
    }

    [Fact]
    public void Parse_SecondYamlDocument_Refused()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            ---
            version: 1
            """;

        PolicyAssert.SingleError(yaml, 8, 1, "a policy is one YAML document");
    }

    [Fact]
    public void Parse_AliasToAnAnchoredLadder_SharesItBetweenBudgets()
    {
        const string yaml = """
            budgets:
              - name: a
                amount: 100
                currency: USD
                thresholds: &ladder
                  - at: 0.8
                    actions: [holdTraining]
              - name: b
                amount: 50
                currency: EUR
                thresholds: *ladder
            """;

        var policy = PolicyAssert.Valid(yaml);

        Assert.Equal(0.8m, Assert.Single(policy.Budgets[1].Thresholds).Fraction);
    }

    [Fact]
    public void Parse_AliasWithoutAnchor_ReportedAtTheAlias()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds: *ladder
            """;

        var result = PolicyAssert.Parse(yaml);

        Assert.Null(result.Policy);
        Assert.Contains(result.Diagnostics, d => (d.Line, d.Column) == (5, 17)
            && d.Message == "alias '*ladder' refers to no anchor defined before it");
    }

    [Fact]
    public void Parse_MergeKey_RefusedWithTheAlternative()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds: [{ at: 1, actions: [holdTraining] }]
                <<: { period: week }
            """;

        PolicyAssert.SingleError(yaml, 6, 5, "merge keys ('<<') are not supported");
    }

    [Fact]
    public void Parse_NoBudgetsSection_Refused()
    {
        PolicyAssert.SingleError("safety:\n  dryRun: true\n", 1, 1, "needs at least one budget under 'budgets'");
    }

    [Fact]
    public void Parse_EmptyBudgetList_Refused()
    {
        PolicyAssert.SingleError("budgets: []\n", 1, 10, "needs at least one budget");
    }

    [Fact]
    public void Parse_UnsupportedVersion_Refused()
    {
        const string yaml = """
            version: 2
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """;

        PolicyAssert.SingleError(yaml, 1, 10, "unsupported policy version 2");
    }

    [Fact]
    public void Parse_OnlyRequiredKeys_FillsTheDocumentedDefaults()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: usd
                thresholds:
                  - at: 1
                    actions: [holdTraining]
            """;

        var policy = PolicyAssert.Valid(yaml);

        Assert.True(policy.Safety.DryRun);
        Assert.Equal(20, policy.Safety.MaxActionsPerRun);
        Assert.Equal("frugal.io/exempt", policy.Safety.ExemptionLabel);
        Assert.Empty(policy.Channels);
        Assert.Empty(policy.Sources.Focus);
        Assert.Null(policy.State.Path);
        Assert.Equal(PolicyAssert.File, policy.SourcePath);
        var budget = Assert.Single(policy.Budgets);
        Assert.Equal("USD 100.00", budget.Amount.ToString());
        Assert.Equal(BudgetPeriodKind.Month, budget.Period);
        Assert.Equal("Etc/UTC", budget.TimeZone);
        Assert.Equal(CostMetric.BilledCost, budget.Metric);
        Assert.True(budget.Scope.IsEverything);
        var threshold = Assert.Single(budget.Thresholds);
        Assert.Equal(SpendBasis.Actual, threshold.Basis);
        Assert.Equal(ActionKind.HoldTraining, Assert.Single(threshold.Actions).Kind);
    }
}
