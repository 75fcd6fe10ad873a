using System.CommandLine;
using Frugal.Cli.Commands;

namespace Frugal.Cli;

/// <summary>Builds the <c>frugal</c> command tree; tests call <see cref="InvokeAsync"/> in-process.</summary>
internal static class FrugalCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Frugal: the cost autopilot for ML platforms.")
        {
            ValidateCommand.Create(),
            PlanCommand.CreatePlan(),
            PlanCommand.CreateRun(),
            HistoryCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"frugal: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Try 'frugal --help'.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(config).ConfigureAwait(false);
    }
}
