namespace Frugal.Cli.Tests;

/// <summary>The README's first command, as a newcomer runs it on the bundled sample.</summary>
public sealed class ReadmeCommandTests : IDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public async Task Plan_BundledSample_ShowsEveryBudgetAndADryRunHoldAndChangesNothing()
    {
        var root = RepositoryPaths.Root;
        var policy = Path.Combine(root, "samples", "frugal.yaml");
        var state = Path.Combine(root, "samples", ".frugal", "state.db");
        var stateExisted = File.Exists(state);

        var exitCode = await FrugalCommandLine.InvokeAsync(
            ["plan", "--policy", policy, "--now", "2026-11-20T12:00:00Z"], _stdout, _stderr);

        Assert.Equal(ExitCodes.Success, exitCode);
        var output = _stdout.ToString();
        Assert.Contains("50,400 cost rows read", output, StringComparison.Ordinal);
        Assert.Contains("ml-platform   2026-11", output, StringComparison.Ordinal);
        Assert.Contains("sandbox       2026-W47", output, StringComparison.Ordinal);
        Assert.Contains("[dry-run] would hold training charged to gpu-training", output, StringComparison.Ordinal);
        Assert.Equal(stateExisted, File.Exists(state));
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
    }
}
