using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Policies;

namespace Frugal.Engine.Tests.Autoscaling;

public sealed class AutoscalingPolicyTests
{
    private const string Budgets = """
        budgets:
          - name: ml-platform
            amount: 100
            currency: USD
            thresholds:
              - at: 1.0
                actions: [holdTraining]
        """;

    private const string Rule = "  rules:\n    - name: r\n";

    private const string Schedule = Rule + "      schedules:\n        - ";

    private const string Caps = Rule + "      budgetCaps:\n        - ";

    private static string WithAutoscaling(string section) => Budgets + "\nautoscaling:\n" + section;

    [Fact]
    public void Parse_FullSection_ReadsClustersRulesSchedulesAndCaps()
    {
        var policy = PolicyAssert.Valid(WithAutoscaling("""
              maxChangesPerRun: 5
              includeKeda: true
              clusters:
                - { name: gke-prod, kubeconfig: kube/config, context: prod }
                - { name: local, inCluster: true }
              rules:
                - name: serving
                  select:
                    clusters: [GKE-PROD]
                    namespaces: [serving]
                    names: ["llm-*"]
                    labelSelector: "tier in (serving),!frugal.io/exempt"
                  floor: 2
                  allowAboveOriginal: true
                  schedules:
                    - { timeZone: Europe/Berlin, days: [mon, FRI], from: "20:00", to: "07:00", minReplicas: 2 }
                    - { timeZone: UTC, from: "00:00", to: "24:00", minReplicas: 3 }
                  budgetCaps:
                    - { budget: ml-platform, at: 0.9, on: forecast, maxReplicasFraction: 0.5 }
            """)).Autoscaling;

        Assert.Equal(5, policy.MaxChangesPerRun);
        Assert.True(policy.IncludeKeda);
        Assert.Equal(Path.Combine(PolicyAssert.BaseDirectory, "kube", "config"), policy.Clusters[0].Kubeconfig);
        Assert.True(policy.Clusters[1].InCluster);
        var rule = Assert.Single(policy.Rules);
        Assert.Equal(["gke-prod"], rule.Select.Clusters);
        Assert.Equal(2, rule.Select.Labels!.Requirements.Count);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], rule.Schedules[0].Days);
        Assert.Equal(new TimeOnly(20, 0), rule.Schedules[0].From);
        Assert.True(rule.Schedules[1].EndsAtMidnight);
        Assert.Equal(SpendBasis.Forecast, rule.BudgetCaps[0].On);
        Assert.Equal(0.5m, rule.BudgetCaps[0].MaxReplicasFraction);
    }

    [Fact]
    public void SamplePolicy_AutoscalingSection_ReadAsDocumented()
    {
        var policy = PolicyLoader.LoadValid(RepositoryRoot.SamplePolicy).Autoscaling;

        Assert.Equal(["gke-prod", "gke-train"], policy.Clusters.Select(c => c.Name));
        var rule = Assert.Single(policy.Rules);
        Assert.Equal(2, rule.Floor);
        Assert.Equal(2, rule.Schedules.Count);
        Assert.Equal("ml-platform", Assert.Single(rule.BudgetCaps).Budget);
    }

    [Fact]
    public void Parse_NoSection_NothingToDo()
    {
        var policy = PolicyAssert.Valid(Budgets);

        Assert.Same(AutoscalingPolicy.None, policy.Autoscaling);
    }

    [Theory]
    [InlineData("  maxChangesPerRun: 0", 9, 21, "'maxChangesPerRun' must be at least 1")]
    [InlineData("  clusterz: []", 9, 3, "unknown key 'clusterz'; did you mean 'clusters'?")]
    [InlineData("  clusters:\n    - { name: a, inCluster: true, context: x }", 10, 7, "choose one")]
    [InlineData("  rules:\n    - { name: r, select: { clusters: [nope] }, budgetCaps: [] }", 10, 39,
        "cluster 'nope' is not declared")]
    [InlineData("  rules:\n    - { name: r }", 10, 7, "rule 'r' needs 'schedules' or 'budgetCaps'")]
    [InlineData("  rules:\n    - { name: r, select: { labelSelector: 'a in b' }, budgetCaps: [] }", 10, 43,
        "'labelSelector': 'a in b' is not a label requirement")]
    [InlineData(Schedule + "{ timeZone: CET, from: '8:00', to: '09:00', minReplicas: 1 }",
        12, 34, "'from' must be a local time as HH:mm")]
    [InlineData(Schedule + "{ timeZone: UTC, from: '08:00', to: '08:00', minReplicas: 1 }",
        12, 47, "'to' equals 'from'")]
    [InlineData(Rule + "      floor: 2\n      schedules:\n        - { timeZone: UTC, from: '08:00', to: '09:00', "
        + "minReplicas: 1 }",
        13, 69, "'minReplicas' 1 is below the rule's floor 2")]
    [InlineData(Schedule + "{ timeZone: UTC, days: [mon, fry], from: '08:00', to: '09:00', "
        + "minReplicas: 1 }",
        12, 40, "'days' holds 'fry'")]
    [InlineData(Caps + "{ budget: ml-platfrom, at: 1, maxReplicas: 2 }", 12, 21,
        "unknown budget 'ml-platfrom'; did you mean 'ml-platform'?")]
    [InlineData(Caps + "{ budget: ml-platform, at: 1 }", 12, 11,
        "exactly one of 'maxReplicas'")]
    public void Parse_BadSection_ReportedAtItsPlace(string section, int line, int column, string message)
    {
        PolicyAssert.SingleError(WithAutoscaling(section), line, column, message);
    }

    [Fact]
    public void Parse_CapAutoscalingTargetNeitherPathNorSelector_Refused()
    {
        var yaml = Budgets.Replace("actions: [holdTraining]",
            "actions: [{ capAutoscaling: { targets: ['a//b'], maxReplicas: 2 } }]", StringComparison.Ordinal);

        PolicyAssert.SingleError(yaml, 7, 49, "target 'a//b' has an empty part");
    }
}
