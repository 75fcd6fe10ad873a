using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Policies;

public sealed class TrainingValidationTests
{
    private const string Budgets = """
        budgets:
          - name: ml
            amount: 1000
            currency: USD
            thresholds:
              - at: 0.9
                actions:
                  - holdTraining: {}

        """;

    [Fact]
    public void Training_FullSection_ReadsWindowsLimitsRatesAndJobs()
    {
        var policy = PolicyAssert.Valid(Budgets + """
            training:
              project: ml-project
              timeZone: Europe/Berlin
              windows:
                - Mon-Fri 20:00-07:00
                - weekends
                - cron: "0 22 * * *"
                  duration: 4h
              holidays: [2026-12-24]
              limits:
                maxConcurrentGpus: 4
                zoneAttempts: 2
                maxRestarts: 3
                checkpointGracePeriod: 15m
              rates:
                - machineType: g2-standard-8
                  spot: 0.31
                  onDemand: 0.85
              jobs:
                - name: bert
                  image: us-docker.pkg.dev/ml/train:1
                  args: [--epochs, "3"]
                  machineType: g2-standard-8
                  accelerator: {type: nvidia-l4, count: 1}
                  zones: [europe-west4-a, europe-west4-b]
                  checkpointUri: gs://ml-checkpoints/bert
                  maxRunTime: 6h
                  deadline: 2026-12-20T06:00:00Z
                  maxHourlyPrice: 0.5
                  priority: 5
                  budget: ml
                  onDemandFallback: true
                  terminationAction: stop
            """);

        var training = policy.Training;
        Assert.Equal(3, training.Schedule.Windows.Count);
        Assert.Equal("Europe/Berlin", training.Schedule.TimeZone);
        Assert.Equal((4, 2, 3, TimeSpan.FromMinutes(15)),
            (training.Limits.MaxConcurrentGpus, training.Limits.ZoneAttempts, training.Limits.MaxRestarts,
                training.Limits.CheckpointGracePeriod));
        var job = Assert.Single(training.Jobs);
        Assert.Equal(["--epochs", "3"], job.Arguments);
        Assert.Equal(new AcceleratorRequest("nvidia-l4", 1), job.Accelerator);
        Assert.Equal(InstanceTerminationAction.Stop, job.TerminationAction);
        Assert.Equal(new Engine.Money.Money(0.5m, CurrencyCode.Parse("USD")), job.MaxHourlyPrice);
        Assert.Equal(TimeSpan.FromHours(6), job.MaxRunTime);
    }

    private const string Template = """
        training:
          project: p
          templates:
            - name: bert-train
              startupScript: python train.py
              machineType: n1-standard-8
              zones: [us-central1-a]
              checkpointUri: gs://b/bert
              maxRunTime: 2h
              budget: ml
        """;

    [Fact]
    public void Training_TemplateWithQuantizeOnSuccess_ReadNotQueuedAndBudgetShared()
    {
        var policy = PolicyAssert.Valid(Budgets + Template + """

                  onSuccess: {kind: quantize, model: bert, version: latest, output: gs://b/bert-int8, precision: int8}
            """);

        var template = Assert.Single(policy.Training.Templates);
        Assert.Empty(policy.Training.Jobs);
        Assert.Equal(
            new ChainedGpuJobSpec(Engine.GpuJobs.GpuJobKind.Quantize, "bert", null, null, "gs://b/bert-int8",
                Engine.GpuJobs.GpuJobPriority.Normal, "int8", "ml"),
            template.OnSuccess!.GpuJob);
    }

    [Theory]
    [InlineData("      onSuccess: {kind: shrink, model: bert}", 19, 25, "onSuccess.kind: 'shrink' is not")]
    [InlineData("      onSuccess: {kind: quantize, model: bert, budget: mll}", 19, 56, "names no budget")]
    [InlineData("      onSuccess: {trainingJob: bert-distil}", 19, 32, "known: bert-train")]
    [InlineData("      onSuccess: {trainingJob: bert-train}", 19, 32, "bert-train -> bert-train comes back")]
    [InlineData("      onSuccess: {trainingJob: bert-train, kind: infer}", 19, 50, "not both")]
    [InlineData("      deadline: 2026-12-20T06:00:00Z", 19, 17, "a template has no 'deadline'")]
    public void Training_BadTemplate_ErrorNamesLineAndField(string tail, int line, int column, string message)
    {
        PolicyAssert.SingleError(Budgets + Template + "\n" + tail, line, column, message);
    }

    [Fact]
    public void Training_TemplateAndJobShareAName_Refused()
    {
        PolicyAssert.SingleError(Budgets + Template + """

              jobs:
                - name: bert-train
                  startupScript: python train.py
                  machineType: n1-standard-8
                  zones: [us-central1-a]
                  checkpointUri: gs://b/bert
                  maxRunTime: 2h
            """, 12, 13, "a second training job or template named 'bert-train'");
    }

    [Fact]
    public void Training_MalformedWindow_ErrorAtItsItem()
    {
        PolicyAssert.SingleError(Budgets + """
            training:
              windows:
                - Mon-Fri 20:00
            """, 11, 7, "is not a window");
    }

    [Fact]
    public void Training_JobChargedToUnknownBudget_ErrorWithHint()
    {
        PolicyAssert.SingleError(Budgets + """
            training:
              project: p
              jobs:
                - name: bert
                  startupScript: python train.py
                  machineType: n1-standard-8
                  zones: [us-central1-a]
                  checkpointUri: gs://b/bert
                  maxRunTime: 2h
                  budget: mll
            """, 18, 15, "names no budget");
    }

    [Fact]
    public void Training_BadCron_ErrorAtCron()
    {
        PolicyAssert.SingleError(Budgets + """
            training:
              windows:
                - cron: "not cron"
                  duration: 2h
            """, 11, 13, "five-field cron");
    }

    [Fact]
    public void JobFile_Json_ReadAsYaml()
    {
        var json = """
            {"name": "resnet", "startupScript": "python train.py", "machineType": "n1-standard-8",
             "zones": ["us-central1-a"], "checkpointUri": "file:///tmp/ckpt/resnet", "maxRunTime": "90m"}
            """;

        var result = TrainingJobFile.Parse(json, "job.json", CurrencyCode.Parse("USD"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(TimeSpan.FromMinutes(90), result.Spec!.MaxRunTime);
    }

    [Fact]
    public void JobFile_SeveralProblems_AllReportedWithPlaces()
    {
        var yaml = """
            name: Bad_Name
            image: x
            startupScript: y
            machineType: n1-standard-8
            zones: [nowhere]
            checkpointUri: s3://b/x
            maxRunTime: forever
            """;

        var result = TrainingJobFile.Parse(yaml, "job.yaml", CurrencyCode.Parse("USD"));

        Assert.Null(result.Spec);
        Assert.Single(result.Diagnostics,
            d => d.Line == 7 && d.Message.Contains("'maxRunTime' must be", StringComparison.Ordinal));
    }
}
