using System.Text.Json;

namespace Frugal.Cli.Tests.Commands;

public sealed class TrainCommandTests : IDisposable
{
    private const string Policy = """
        budgets:
          - name: gpu
            amount: 1000
            currency: USD
            thresholds:
              - at: 0.9
                actions:
                  - holdTraining: {}
        training:
          project: ml-project
          windows: [Mon-Fri 20:00-07:00]
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Submit_FromFile_QueuesJobThatListAndShowReport()
    {
        var policy = _folder.Write("frugal.yaml", Policy);
        var job = _folder.Write("job.yaml", """
            name: bert
            image: europe-docker.pkg.dev/ml/train:1
            machineType: g2-standard-8
            accelerator: {type: nvidia-l4, count: 1}
            zones: [europe-west4-a]
            checkpointUri: gs://ckpt/bert
            maxRunTime: 6h
            budget: gpu
            """);

        var submitted = await CliRun.InvokeAsync("train", "submit", "--policy", policy, "--file", job);
        var list = await CliRun.InvokeAsync("train", "list", "--policy", policy);
        var show = await CliRun.InvokeAsync("train", "show", "bert", "--policy", policy, "--format", "json");

        Assert.Equal((0, string.Empty), (submitted.ExitCode, submitted.Stderr));
        Assert.Contains("state      queued", submitted.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("bert  queued", list.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(show.Stdout);
        Assert.Equal("cli", json.RootElement.GetProperty("source").GetString());
        Assert.Equal("gpu", json.RootElement.GetProperty("spec").GetProperty("budget").GetString());
    }

    [Fact]
    public async Task Submit_FromFlags_SameChecksAsAFile()
    {
        var policy = _folder.Write("frugal.yaml", Policy);

        var run = await CliRun.InvokeAsync("train", "submit", "--policy", policy, "--name", "resnet",
            "--startup-script", "python train.py", "--machine-type", "n1-standard-8", "--accelerator",
            "nvidia-tesla-t4:2", "--zone", "us-central1-a", "--zone", "us-central1-b", "--checkpoint-uri",
            "file:///tmp/ckpt/resnet", "--max-run-time", "90m", "--priority", "3");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Contains("n1-standard-8 + 2 x nvidia-tesla-t4", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("us-central1-a, us-central1-b", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_InvalidJob_ExitsTwoWithEveryProblemAndQueuesNothing()
    {
        var policy = _folder.Write("frugal.yaml", Policy);
        var job = _folder.Write("job.yaml", """
            name: bert
            machineType: g2-standard-8
            zones: [europe-west4-a]
            checkpointUri: gs://ckpt/bert
            maxRunTime: soon
            budget: nope
            """);

        var run = await CliRun.InvokeAsync("train", "submit", "--policy", policy, "--file", job);
        var list = await CliRun.InvokeAsync("train", "list", "--policy", policy);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("job.yaml:5:13", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("bert", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NameTaken_ExitsTwo()
    {
        var policy = _folder.Write("frugal.yaml", Policy);
        string[] args = ["train", "submit", "--policy", policy, "--name", "bert", "--startup-script", "x",
            "--machine-type", "n1-standard-4", "--zone", "us-central1-a", "--checkpoint-uri", "gs://c/b",
            "--max-run-time", "1h"];

        var first = await CliRun.InvokeAsync(args);
        var second = await CliRun.InvokeAsync(args);

        Assert.Equal((0, 2), (first.ExitCode, second.ExitCode));
        Assert.Contains("exists already", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_QueuedJob_CancelledAndShownSo()
    {
        var policy = _folder.Write("frugal.yaml", Policy);
        await CliRun.InvokeAsync("train", "submit", "--policy", policy, "--name", "bert", "--startup-script", "x",
            "--machine-type", "n1-standard-4", "--zone", "us-central1-a", "--checkpoint-uri", "gs://c/b",
            "--max-run-time", "1h");

        var cancel = await CliRun.InvokeAsync("train", "cancel", "bert", "--policy", policy);
        var missing = await CliRun.InvokeAsync("train", "show", "nobody", "--policy", policy);

        Assert.Equal(0, cancel.ExitCode);
        Assert.Contains("state      cancelled", cancel.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no training job named 'nobody'", missing.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
