using System.CommandLine;
using Frugal.Engine.Policies;
using Frugal.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal serve</c>: the budget webhooks over HTTP and every scheduled step on its schedule, in one process, for
/// teams that host Frugal on a VM or in a cluster. Runs until stopped (Ctrl+C or SIGTERM); exit 2 on bad settings.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var policy = CommonOptions.Policy();
        var urls = new Option<string?>("--urls")
        {
            Description =
                $"Where to listen, e.g. http://0.0.0.0:8080 (default {FrugalServer.DefaultUrl}: this machine only).",
        };
        var state = CommonOptions.State();
        var schedule = new Option<string?>("--poll-schedule")
        {
            Description = "When to run the main job: six-field cron with seconds, UTC (default: hourly).",
        };
        var command = new Command("serve", "Serve the budget alert webhooks and run the schedules in-process.")
        {
            policy, urls, state, schedule,
        };

        command.SetAction(async (parse, ct) =>
        {
            var policyPath = parse.GetRequiredValue(policy);
            PolicyLoader.LoadValid(policyPath);
            var request = new FrugalServerRequest(
                policyPath, parse.GetValue(urls), parse.GetValue(state), parse.GetValue(schedule));
            await using var app = FrugalServer.Build(request);
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (OptionsValidationException ex)
            {
                var stderr = parse.InvocationConfiguration.Error;
                foreach (var failure in ex.Failures)
                {
                    await stderr.WriteLineAsync($"frugal: {failure}").ConfigureAwait(false);
                }

                return ExitCodes.BadInput;
            }

            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
