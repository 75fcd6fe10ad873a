using System.Text.Json;

namespace Frugal.Cli.Tests.Commands;

/// <summary>
/// <c>frugal models signal</c> and <c>frugal models retraining</c> on the bundled sample. The CLI has no training
/// queue, so a due retraining is recorded as wanted.
/// </summary>
public sealed class RetrainingCommandsTests : IDisposable
{
    private const string Now = "2026-11-20T12:00:00Z";
    private readonly TempFolder _temp = new();

    private static string Sample => Path.Combine(RepositoryPaths.Root, "samples", "frugal.yaml");

    [Fact]
    public async Task Signal_DriftSpike_RecordedAsWantedAndListedWithItsReason()
    {
        var signal = await Models("signal", "sentiment", "--drift", "0.42", "--source", "evidently");
        var list = await Models("retraining");

        Assert.Equal(0, signal.ExitCode);
        Assert.Contains("1 signals recorded, 0 repeats", signal.Stdout, StringComparison.Ordinal);
        Assert.Contains("sentiment  wanted  retraining wanted (drift 0.42 above the threshold 0.3), no training "
            + "queue configured", signal.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("    drift 0.42 above the threshold 0.3 (observed 2026-11-20T12:00Z by evidently)", list.Stdout,
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
        Assert.Equal("wanted", entry.GetProperty("outcome").GetString());
        Assert.StartsWith("retraining sentiment with sentiment-finetune: wanted: retraining wanted (auc 0.7 below",
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
