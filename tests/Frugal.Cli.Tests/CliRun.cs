namespace Frugal.Cli.Tests;

/// <summary>What one in-process run of <c>frugal</c> did.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exitCode = await FrugalCommandLine.InvokeAsync(args, stdout, stderr);

        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
