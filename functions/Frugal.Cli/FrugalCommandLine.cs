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
        };

        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(config).ConfigureAwait(false);
    }
}
