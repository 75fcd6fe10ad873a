using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class ActionValidationTests
{
    // Line 12 of each policy holds the action under test, after "          - " (its text starts at column 13).
    private static string Actions(string action, string subAccounts = "[]") => $$"""
        channels:
          - { name: ml-slack, kind: slack, webhookUrl: "env:SLACK_URL" }
          - { name: ops-console, kind: console }
        budgets:
          - name: ml
            amount: 100
            currency: USD
            scope: { subAccounts: {{subAccounts}} }
            thresholds:
              - at: 1.0
                actions:
                  - {{action}}
        """;

    private static ActionRule SingleAction(string action) =>
        Assert.Single(Assert.Single(PolicyAssert.Valid(Actions(action)).Budgets[0].Thresholds).Actions);

    [Fact]
    public void Parse_NotifyNamedChannels_MatchesThemCaseIgnoredAsDeclared()
    {
        var action = SingleAction("notify: [ML-Slack, ops-console]");

        Assert.Equal(ActionKind.Notify, action.Kind);
        Assert.Equal(["ml-slack", "ops-console"], action.Channels);
    }

    [Theory]
    [InlineData("notify")]
    [InlineData("notify: []")]
    [InlineData("notify:")]
    public void Parse_NotifyWithoutChannels_MeansEveryChannel(string action)
    {
        Assert.Empty(SingleAction(action).Channels);
    }

    [Theory]
    [InlineData("notify: [ml-slak]", 22, "unknown channel 'ml-slak'; did you mean 'ml-slack'?")]
    [InlineData("notify: [pagerduty]", 22, "unknown channel 'pagerduty'; expected one of ml-slack, ops-console")]
    [InlineData("notify: { channel: ml-slack }", 21, "'notify' must be a list of text, got a mapping")]
    [InlineData("notfy: [ml-slack]", 13, "unknown action 'notfy'; did you mean 'notify'?")]
    [InlineData("explode: {}", 13, "unknown action 'explode'; expected one of notify, capAutoscaling")]
    [InlineData("[notify]", 13, "an action names one of notify, capAutoscaling, holdTraining, detachBilling")]
    [InlineData("holdTraining: now", 27, "'holdTraining' takes no settings")]
    [InlineData("holdTraining: { jobs: all }", 29, "unknown key 'jobs'; this section takes no keys")]
    public void Parse_BadAction_ReportedAtItsPlace(string action, int column, string message)
    {
        PolicyAssert.SingleError(Actions(action), 12, column, message);
    }

    [Fact]
    public void Parse_TwoActionsInOneListItem_AsksForOneItemEach()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - at: 1.0
                    actions:
                      - holdTraining: {}
                        capAutoscaling: { targets: [a/b/c], maxReplicas: 1 }
            """;

        PolicyAssert.SingleError(yaml, 9, 13, "one action per list item: start 'capAutoscaling' on its own line");
    }

    [Fact]
    public void Parse_NotifyWithNoChannelDeclared_Refused()
    {
        const string yaml = """
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds: [{ at: 1, actions: [notify] }]
            """;

        PolicyAssert.SingleError(yaml, 5, 37, "notify has nowhere to go: declare a channel under 'channels'");
    }

    [Fact]
    public void Parse_HoldTrainingAsBareWordOrEmptyMapping_Accepted()
    {
        Assert.Equal(ActionKind.HoldTraining, SingleAction("holdTraining").Kind);
        Assert.Equal(ActionKind.HoldTraining, SingleAction("holdTraining: {}").Kind);
    }

    [Fact]
    public void Parse_CapAutoscalingByFraction_ReadsTargetsAndCeiling()
    {
        var action = SingleAction("capAutoscaling: { targets: [gke-prod/serving/api], maxReplicasFraction: 0.5 }");

        Assert.Equal(ActionKind.CapAutoscaling, action.Kind);
        Assert.Equal(["gke-prod/serving/api"], action.Targets);
        Assert.Equal(0.5m, action.MaxReplicasFraction);
        Assert.Null(action.MaxReplicas);
        Assert.True(action.IsDestructive);
    }

    [Fact]
    public void Parse_CapAutoscalingByCount_ReadsTheCount()
    {
        var action = SingleAction("capAutoscaling: { targets: app=trainer, maxReplicas: 3 }");

        Assert.Equal(3, action.MaxReplicas);
        Assert.Null(action.MaxReplicasFraction);
        Assert.Equal(["app=trainer"], action.Targets);
    }

    [Theory]
    [InlineData("capAutoscaling: { targets: [a/b/c], maxReplicas: 2, maxReplicasFraction: 0.5 }", 29,
        "'capAutoscaling' needs exactly one of 'maxReplicas' (a replica count) or 'maxReplicasFraction'")]
    [InlineData("capAutoscaling: { targets: [a/b/c] }", 29, "needs exactly one of 'maxReplicas'")]
    [InlineData("capAutoscaling: { targets: [a/b/c], maxReplicas: 0 }", 62, "'maxReplicas' must be at least 1")]
    [InlineData("capAutoscaling: { targets: [a/b/c], maxReplicasFraction: 1.5 }", 70,
        "'maxReplicasFraction' must be greater than 0 and at most 1, got 1.5")]
    [InlineData("capAutoscaling: { targets: [a/b/c], maxReplicasFraction: 0 }", 70, "got 0")]
    [InlineData("capAutoscaling: { targets: [], maxReplicas: 1 }", 40, "'targets' needs at least one autoscaler")]
    [InlineData("capAutoscaling: { maxReplicas: 1 }", 29, "'capAutoscaling' is missing 'targets'")]
    [InlineData("capAutoscaling: {}", 29, "'capAutoscaling' is missing 'targets'")]
    [InlineData("capAutoscaling:", 13, "'capAutoscaling' needs 'targets' and one of 'maxReplicas'")]
    public void Parse_BadCapAutoscaling_Refused(string action, int column, string message)
    {
        var result = PolicyAssert.Parse(Actions(action));

        Assert.Null(result.Policy);
        Assert.Contains(result.Diagnostics, d =>
            (d.Line, d.Column) == (12, column) && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DetachBillingConfirmedAndEnabled_Accepted()
    {
        var action = Assert.Single(Assert.Single(PolicyAssert.Valid(Actions(
            "detachBilling: { project: ml-sandbox, confirm: ml-sandbox, enabled: true }", "[ml-sandbox]"))
            .Budgets[0].Thresholds).Actions);

        Assert.Equal(ActionKind.DetachBilling, action.Kind);
        Assert.Equal("ml-sandbox", action.Project);
        Assert.Equal("ml-sandbox", action.Confirm);
        Assert.True(action.Enabled);
    }

    [Theory]
    [InlineData("detachBilling: { project: p1, enabled: true }", 28,
        "'detachBilling' needs 'confirm: p1' repeating the project id; detaching billing stops every paid service")]
    [InlineData("detachBilling: { project: p1, confirm: P1, enabled: true }", 52,
        "'confirm' must repeat the project id exactly: 'p1', got 'P1'")]
    [InlineData("detachBilling: { project: p1, confirm: p1 }", 28,
        "'detachBilling' stays off until it says 'enabled: true'")]
    [InlineData("detachBilling: { project: p1, confirm: p1, enabled: false }", 65,
        "'detachBilling' stays off until it says 'enabled: true'")]
    [InlineData("detachBilling: { confirm: p1, enabled: true }", 28, "'detachBilling' is missing 'project'")]
    [InlineData("detachBilling: {}", 28, "'detachBilling' is missing 'project'")]
    [InlineData("detachBilling", 13,
        "'detachBilling' needs 'project', 'confirm' (the project again) and 'enabled: true'")]
    public void Parse_DetachBillingNotFullyConfirmed_RefusedWithTheReason(string action, int column, string message)
    {
        var result = PolicyAssert.Parse(Actions(action));

        Assert.Null(result.Policy);
        Assert.Contains(result.Diagnostics, d =>
            (d.Line, d.Column) == (12, column) && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DetachBillingOfAProjectOutsideTheBudgetScope_Refused()
    {
        var yaml = Actions("detachBilling: { project: ml-training-prod, confirm: ml-training-prod, enabled: true }",
            "[ml-sandbox]");

        PolicyAssert.SingleError(yaml, 12, 39,
            "project 'ml-training-prod' is outside this budget's scope (subAccounts: ml-sandbox)");
    }
}
