using System.Text.Json;

namespace Frugal.Cli.Tests.Commands;

/// <summary>
/// <c>frugal models signal</c> and <c>frugal models retraining</c> on the bundled sample, whose training budget is
/// on hold (so a due retraining is deferred), and on a small policy whose retraining is queued in the state's
/// training queue.
/// </summary>
public sealed class RetrainingCommandsTests : IDisposable
{
    private const string Now = "2026-11-20T12:00:00Z";
    private readonly TempFolder _temp = new();

    private static string Sample => Path.Combine(RepositoryPaths.Root, "samples", "frugal.yaml");

    [Fact]
    public async Task Signal_DriftSpikeWhileTheBudgetHoldsTraining_DeferredWithItsReasonAndNothingQueued()
    {
        var signal = await Models("signal", "sentiment", "--drift", "0.42", "--source", "evidently");
        var list = await Models("retraining");
        var queue = await CliRun.InvokeAsync("train", "list", "--all", "--format", "json", "--policy", Sample,
            "--state", _temp.File("state.db"));

        Assert.Equal(0, signal.ExitCode);
        Assert.Contains("1 signals recorded, 0 repeats", signal.Stdout, StringComparison.Ordinal);
        Assert.Contains("sentiment  deferred  drift 0.42 above the threshold 0.3, but budget gpu-training: 100 % "
            + "forecast hold rung reached", signal.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("    drift 0.42 above the threshold 0.3 (observed 2026-11-20T12:00Z by evidently)", list.Stdout,
            StringComparison.Ordinal);
        Assert.Equal("[]", queue.Stdout.Trim());
    }

    [Fact]
    public async Task Signal_DriftSpikeTwice_OneRunOfTheTemplateQueuedAndShown()
    {
        var policy = _temp.File("frugal.yaml");
        await File.WriteAllTextAsync(_temp.File("costs.csv"),
            "BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\nUSD,1,2026-11-02 00:00:00,Compute Engine\n",
            TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(policy, """
            sources:
              focus: [costs.csv]
            budgets:
              - name: ml-training
                amount: 1000
                currency: USD
                thresholds:
                  - at: 0.9
                    actions: [holdTraining]
            training:
              project: ml-prod
              rates: [{machineType: g2-standard-8, spot: 0.30, onDemand: 0.85}]
              templates:
                - name: churn-train
                  image: europe-docker.pkg.dev/ml-prod/train/churn:1
                  machineType: g2-standard-8
                  zones: [europe-west4-a]
                  checkpointUri: gs://ml-prod-checkpoints/churn
                  maxRunTime: 4h
                  onSuccess: {kind: quantize, model: churn, precision: fp16, budget: ml-training}
            retraining:
              rules:
                - model: churn
                  when: {driftAbove: 0.3}
                  minInterval: 7d
                  trainingJob: churn-train
            """, TestContext.Current.CancellationToken);
        string[] common = ["--policy", policy, "--now", Now, "--state", _temp.File("state.db")];

        var first = await CliRun.InvokeAsync(["models", "signal", "churn", "--drift", "0.5", "--format", "json",
            .. common]);
        var second = await CliRun.InvokeAsync(["models", "signal", "churn", "--drift", "0.7", .. common]);
        using var json = JsonDocument.Parse(first.Stdout);
        var jobId = json.RootElement.GetProperty("decisions")[0].GetProperty("jobId").GetString()!;
        var list = await CliRun.InvokeAsync(["train", "list", "--all", "--format", "json", .. common]);
        var show = await CliRun.InvokeAsync(["train", "show", jobId, .. common]);

        Assert.Equal("queued", json.RootElement.GetProperty("decisions")[0].GetProperty("outcome").GetString());
        Assert.Contains("not-retrained", second.Stdout, StringComparison.Ordinal);
        using var jobs = JsonDocument.Parse(list.Stdout);
        Assert.Equal(jobId, Assert.Single(jobs.RootElement.EnumerateArray()).GetProperty("spec").GetProperty("name")
            .GetString());
        Assert.Contains($"job        {jobId} (retraining, priority 0)", show.Stdout, StringComparison.Ordinal);
        Assert.Contains($"checkpoint gs://ml-prod-checkpoints/churn/{jobId}", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("then       quantize GPU job on churn, once the job has succeeded", show.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signal_QualityFine_NotRetrainedAsJson()
    {
        var run = await Models("signal", "sentiment", "--metric", "auc=0.91", "--metric", "AUC=0.92",
            "--data-rows", "10", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("recorded").GetInt32());
        var decision = json.RootElement.GetProperty("decisions")[0];
        Assert.Equal("not-retrained", decision.GetProperty("outcome").GetString());
        Assert.Contains("auc 0.92 not below the floor 0.80 (observed 2026-11-20T12:00Z by cli)",
            decision.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Signal_ModelWithoutARule_IsRecordedWithANote()
    {
        var run = await Models("signal", "reranker", "--drift", "0.9");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no retraining rule for this model", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--metric", "auc", "--metric: 'auc' is not NAME=VALUE")]
    [InlineData("--drift", "-0.2", "--drift.value: a drift score is zero or more")]
    [InlineData("--metric", "Area Under=1", "--metric.kind: 'Area Under' is not drift")]
    [InlineData("--source", "x", "give at least one of --drift")]
    public async Task Signal_BadInput_ExitsTwoNamingTheOption(string option, string value, string message)
    {
        var run = await Models("signal", "sentiment", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("state.db")));
    }

    [Fact]
    public async Task History_AfterASignal_ShowsTheDecision()
    {
        await Models("signal", "sentiment", "--metric", "auc=0.7");

        var history = await CliRun.InvokeAsync("history", "--state", _temp.File("state.db"), "--format", "json");

        Assert.Equal(0, history.ExitCode);
        using var json = JsonDocument.Parse(history.Stdout);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("retraining", entry.GetProperty("kind").GetString());
        Assert.Equal("deferred", entry.GetProperty("outcome").GetString());
        Assert.StartsWith("retraining sentiment with sentiment-finetune: deferred: auc 0.7 below",
            entry.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retraining_NoStateYet_SaysSo()
    {
        var run = await Models("retraining", "--model", "sentiment");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No retraining decisions recorded.", run.Stdout.Trim());
    }

    public void Dispose() => _temp.Dispose();

    private Task<CliRun> Models(params string[] args) =>
        CliRun.InvokeAsync(["models", .. args, "--policy", Sample, "--now", Now, "--state", _temp.File("state.db")]);
}
