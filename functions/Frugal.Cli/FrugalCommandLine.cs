using System.CommandLine;
using Frugal.Cli.Commands;
using Frugal.Engine;

namespace Frugal.Cli;

/// <summary>Builds the <c>frugal</c> command tree; tests call <see cref="InvokeAsync"/> in-process.</summary>
internal static class FrugalCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Frugal: the cost autopilot for ML platforms.");
        root.Subcommands.Add(CostsCommand.Create(stdout, stderr));
        root.Subcommands.Add(SamplesCommand.Create(stdout));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"frugal: {OneLine(parsed.Errors[0].Message)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // Exceptions reach this method instead of System.CommandLine's handler, which prints stack traces.
        var config = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            await stderr.WriteLineAsync($"frugal: {OneLine(ex.Message)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
