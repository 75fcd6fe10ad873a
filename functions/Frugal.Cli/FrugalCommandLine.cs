using System.CommandLine;
using Frugal.Cli.Commands;
using Frugal.Engine;
using Frugal.Engine.State;
using Microsoft.Data.Sqlite;

namespace Frugal.Cli;

/// <summary>Builds the <c>frugal</c> command tree; tests call <see cref="InvokeAsync"/> in-process.</summary>
internal static class FrugalCommandLine
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Frugal: the cost autopilot for ML platforms.")
        {
            ValidateCommand.Create(),
            CostsCommand.Create(stdout, stderr),
            ReportCommand.Create(),
            PlanCommand.CreatePlan(),
            PlanCommand.CreateRun(),
            HistoryCommand.Create(),
            NotifyCommand.Create(),
            SamplesCommand.Create(stdout),
            AutoscaleCommand.Create(),
            ModelsCommand.Create(),
            ServeCommand.Create(),
            BillingCommand.Create(),
            TrainCommand.Create(),
            GpuCommand.Create(),
        };

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
            // A policy reports every problem, one per line; each stays a line of its own.
            foreach (var line in ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await stderr.WriteLineAsync($"frugal: {line.TrimEnd('\r')}").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }
        catch (SqliteException ex)
        {
            await stderr.WriteLineAsync($"frugal: the state database cannot be used: {OneLine(ex.Message)}")
                .ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (StateSchemaException ex)
        {
            await stderr.WriteLineAsync($"frugal: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
