using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class RetrainingValidationTests
{
    private const string Budgets = """
        budgets:
          - name: ml-training
            amount: 100
            currency: USD
            thresholds:
              - at: 1.0
                actions: [holdTraining]
        """;

    /// <summary>Appended after the rules, so the line numbers the tests expect are the rules' own.</summary>
    private const string Training = """

        training:
          project: ml-prod
          templates:
            - name: churn-train
              image: europe-docker.pkg.dev/ml-prod/train/churn:1
              machineType: g2-standard-8
              zones: [europe-west4-a]
              checkpointUri: gs://ml-prod-checkpoints/churn
              maxRunTime: 4h
          jobs:
            - name: nightly-eval
              image: europe-docker.pkg.dev/ml-prod/train/eval:1
              machineType: n1-standard-8
              zones: [europe-west4-a]
              checkpointUri: gs://ml-prod-checkpoints/eval
              maxRunTime: 1h
        """;

    [Fact]
    public void Parse_FullRule_ReadsConditionsIntervalJobAndBudget()
    {
        var yaml = Budgets + "\n" + """
            retraining:
              rules:
                - model: churn
                  when:
                    driftAbove: 0.3
                    metricBelow: {AUC: 0.8}
                    metricAbove: {rmse: 12.5}
                    versionOlderThan: 30d
                    newDataRowsAtLeast: 100000
                  minInterval: 36h
                  trainingJob: churn-train
                  budget: ml-training
            """ + Training;

        var rule = Assert.Single(PolicyAssert.Valid(yaml).Retraining.Rules);

        Assert.Equal(("churn", "churn-train", "ml-training"), (rule.Model, rule.TrainingJob, rule.Budget));
        Assert.Equal(TimeSpan.FromHours(36), rule.MinInterval);
        Assert.Equal(0.3m, rule.When.DriftAbove);
        Assert.Equal(0.8m, rule.When.MetricBelow["auc"]);
        Assert.Equal(12.5m, rule.When.MetricAbove["rmse"]);
        Assert.Equal(TimeSpan.FromDays(30), rule.When.VersionOlderThan);
        Assert.Equal(100000, rule.When.NewDataRowsAtLeast);
        Assert.Null(rule.Registry);
    }

    [Fact]
    public void Parse_NoSection_NoRules()
    {
        Assert.Empty(PolicyAssert.Valid(Budgets).Retraining.Rules);
    }

    [Theory]
    [InlineData("      minInterval: 7 days", 13, 20, "'minInterval' must be a whole number followed by m")]
    [InlineData("      minInterval: 0d", 13, 20, "more than zero")]
    [InlineData("      minInterval: 7d\n      budget: ml-trainng", 14, 15, "did you mean 'ml-training'?")]
    [InlineData("      minInterval: 7d\n      registry: models", 14, 17, "'registry' names no registry")]
    [InlineData("      minInterval: 7d\n      cadence: 1d", 14, 7, "unknown key 'cadence'")]
    public void Parse_BadRule_ReportsWhere(string tail, int line, int column, string message)
    {
        var yaml = Budgets + "\n" + """
            retraining:
              rules:
                - model: churn
                  trainingJob: churn-train
                  when: {driftAbove: 0.3}
            """ + "\n" + tail + Training;

        PolicyAssert.SingleError(yaml, line, column, message);
    }

    [Theory]
    [InlineData("{}", 11, 13, "'when' needs at least one condition")]
    [InlineData("{metricBelow: {drift: 0.2}}", 11, 28, "'metricBelow' names 'drift'")]
    [InlineData("{driftAbove: -1}", 11, 26, "'driftAbove' must be zero or more")]
    [InlineData("{newDataRowsAtLeast: 0.5}", 11, 34, "'newDataRowsAtLeast' must be a whole number of rows")]
    public void Parse_BadConditions_ReportsWhere(string when, int line, int column, string message)
    {
        var yaml = Budgets + "\n" + $"""
            retraining:
              rules:
                - model: churn
                  when: {when}
                  minInterval: 7d
                  trainingJob: churn-train
            """ + Training;

        PolicyAssert.SingleError(yaml, line, column, message);
    }

    [Fact]
    public void Parse_SameModelTwice_IsRefused()
    {
        var rule = """
                - model: churn
                  when: {driftAbove: 0.3}
                  minInterval: 7d
                  trainingJob: churn-train
            """;
        var yaml = Budgets + "\nretraining:\n  rules:\n" + rule + "\n" + rule + Training;

        PolicyAssert.SingleError(yaml, 14, 14, "model 'churn' has a retraining rule already (line 10)");
    }

    [Theory]
    [InlineData("churn-train")]
    [InlineData("nightly-eval")]
    public void Parse_TrainingJobNamesATemplateOrAJob_IsAccepted(string job)
    {
        var yaml = Budgets + "\n" + $$"""
            retraining:
              rules:
                - model: churn
                  when: {driftAbove: 0.3}
                  minInterval: 7d
                  trainingJob: {{job}}
            """ + Training;

        Assert.Equal(job, Assert.Single(PolicyAssert.Valid(yaml).Retraining.Rules).TrainingJob);
    }

    [Fact]
    public void Parse_TrainingJobNamesNoTemplate_ErrorNamesTheLineTheFieldAndTheKnownNames()
    {
        var yaml = Budgets + "\n" + """
            retraining:
              rules:
                - model: churn
                  when: {driftAbove: 0.3}
                  minInterval: 7d
                  trainingJob: churn-trian
            """ + Training;

        PolicyAssert.SingleError(yaml, 13, 20, "'trainingJob' names no training job template under "
            + "'training.templates' (or job under 'training.jobs'): 'churn-trian'; known: churn-train, nightly-eval; "
            + "did you mean 'churn-train'?");
    }

    [Fact]
    public void Parse_TrainingJobWithoutATrainingSection_SaysThereAreNone()
    {
        var yaml = Budgets + "\n" + """
            retraining:
              rules:
                - model: churn
                  when: {driftAbove: 0.3}
                  minInterval: 7d
                  trainingJob: churn-train
            """;

        PolicyAssert.SingleError(yaml, 13, 20, "'churn-train'; the policy has none");
    }
}
