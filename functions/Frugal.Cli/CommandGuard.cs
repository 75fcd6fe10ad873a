using Frugal.Engine;

namespace Frugal.Cli;

/// <summary>
/// Runs a command body and turns the errors a user can cause into one line on stderr and exit code 2, without a
/// stack trace. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(TextWriter stderr, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            await stderr.WriteLineAsync($"frugal: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            await stderr.WriteLineAsync($"frugal: the state database cannot be used: {ex.Message}")
                .ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("state database", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync($"frugal: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
