using System.Text.Json;

namespace Frugal.Cli.Tests.Commands;

public sealed class ModelsCommandTests : IDisposable
{
    private const string Now = "2026-11-20T12:00:00Z";
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Plan_SamplePolicy_ShowsMovesKeptVersionsAndSavingAndChangesNothing()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "frugal.yaml");
        var sidecar = Path.Combine(RepositoryPaths.Root, "samples", "models", "sentiment", "1", "_frugal.json");
        var before = File.ReadAllText(sidecar);

        var run = await CliRun.InvokeAsync("models", "plan", "--policy", sample, "--now", Now, "--show-kept",
            "--state", _temp.File("state.db"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["move", "hot", "cold"], Line(run.Stdout, "sample-models:sentiment/1 ")[1..4]);
        Assert.Equal(["pinned", "(frugal-pin)"], Line(run.Stdout, "sample-models:sentiment/2 ")[^2..]);
        Assert.Equal(["aliased", "as", "legacy-api"], Line(run.Stdout, "sample-models:sentiment/4 ")[^3..]);
        Assert.Contains("Estimated monthly saving: USD", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(sidecar));
        Assert.False(File.Exists(_temp.File("state.db")));
    }

    [Fact]
    public async Task Apply_DryRunOff_MovesAndRestoreBringsBack()
    {
        var policy = WritePolicy(dryRun: false);

        var apply = await CliRun.InvokeAsync("models", "apply", "--policy", policy, "--now", Now, "--format", "json");
        var restore = await CliRun.InvokeAsync("models", "restore", "--policy", policy, "--now", Now,
            "--model", "m", "--version", "1");
        var again = await CliRun.InvokeAsync("models", "plan", "--policy", policy, "--now", Now, "--format", "json");

        Assert.Equal(0, apply.ExitCode);
        using var applied = JsonDocument.Parse(apply.Stdout);
        var outcome = Assert.Single(applied.RootElement.GetProperty("outcomes").EnumerateArray());
        Assert.Equal("done", outcome.GetProperty("state").GetString());
        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("local:m/1: 1 objects now hot", restore.Stdout, StringComparison.Ordinal);
        using var planned = JsonDocument.Parse(again.Stdout);
        Assert.Empty(planned.RootElement.GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task Apply_DryRun_ChangesNothing()
    {
        var policy = WritePolicy(dryRun: true);

        var run = await CliRun.InvokeAsync("models", "apply", "--policy", policy, "--now", Now);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Dry run (safety.dryRun): nothing was moved or deleted.", run.Stdout, StringComparison.Ordinal);
        var sidecar = File.ReadAllText(_temp.File("models/m/1/_frugal.json"));
        Assert.DoesNotContain("cold", sidecar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_UnknownVersion_BadInput()
    {
        var policy = WritePolicy(dryRun: false);

        var run = await CliRun.InvokeAsync("models", "restore", "--policy", policy, "--model", "m", "--version", "9");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("frugal: no version '9' of model 'm' in any registry of the policy", run.Stderr,
            StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static string[] Line(string output, string start) =>
        output.Split('\n').Single(l => l.StartsWith(start, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private string WritePolicy(bool dryRun)
    {
        foreach (var (version, created) in new[] { ("1", "2026-01-01T00:00:00Z"), ("2", "2026-11-01T00:00:00Z") })
        {
            Directory.CreateDirectory(_temp.File($"models/m/{version}"));
            _temp.Write($"models/m/{version}/model.onnx", "weights");
            _temp.Write($"models/m/{version}/_frugal.json", $$"""{"created": "{{created}}"}""");
        }

        return _temp.Write("frugal.yaml", $$"""
            safety:
              dryRun: {{(dryRun ? "true" : "false")}}
            modelArchive:
              rules: {keepNewest: 1, targetClass: cold}
              prices: {currency: USD, hot: 0.02, cool: 0.01, cold: 0.004, archive: 0.001}
              registries:
                - name: local
                  kind: local
                  path: models
            budgets:
              - name: ml
                amount: 100
                currency: USD
                thresholds:
                  - at: 1.0
                    actions: [holdTraining]
            """);
    }
}
