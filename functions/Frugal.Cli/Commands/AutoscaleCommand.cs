using System.CommandLine;
using Frugal.Cli.Output;
using Frugal.Engine.Autoscaling;
using Frugal.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal autoscale plan|apply|restore</c>: the Kubernetes autoscaler limits the policy wants now. <c>plan</c>
/// shows a before/after diff and changes nothing; <c>apply</c> makes the changes unless the policy is in dry-run;
/// <c>restore</c> puts every autoscaler Frugal changed back to its recorded originals (<c>--dry-run</c> to look
/// first). Exit codes: 0 success, 1 a change failed or a cluster could not be read, 2 bad input.
/// </summary>
internal static class AutoscaleCommand
{
    public static Command Create() => new("autoscale", "Kubernetes HPA limits by schedule and by budget.")
    {
        Sub("plan", "Show the limits Frugal wants now as a before/after diff; change nothing.", AutoscalingMode.Plan),
        Sub("apply", "Make the changes (only shown while the policy is in dry-run).", AutoscalingMode.Apply),
        Sub("restore", "Put every autoscaler Frugal changed back to its original limits.", AutoscalingMode.Restore),
    };

    private static Command Sub(string name, string description, AutoscalingMode mode)
    {
        var policy = CommonOptions.Policy();
        var focus = CommonOptions.Focus();
        var now = CommonOptions.Now();
        var format = CommonOptions.Format("table", "json");
        var cluster = new Option<string?>("--cluster") { Description = "Only this cluster of autoscaling.clusters." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the restore would do; change nothing." };
        var command = new Command(name, description) { policy, focus, now, cluster, format };
        if (mode == AutoscalingMode.Restore)
        {
            command.Add(dryRun);
        }

        command.SetAction(async (parse, ct) =>
        {
            var effective = mode == AutoscalingMode.Restore && parse.GetValue(dryRun) ? AutoscalingMode.PreviewRestore
                : mode;
            var request = new AutoscalingJobRequest(
                parse.GetRequiredValue(policy), effective, parse.GetValue(focus), parse.GetValue(cluster));
            var stderr = parse.InvocationConfiguration.Error;
            await using var services = JobServices.Build(CommonOptions.Clock(parse.GetValue(now)), stderr);
            var result = await services.GetRequiredService<AutoscalingJob>().RunAsync(request, ct)
                .ConfigureAwait(false);

            AutoscalingOutput.Write(result, parse.GetValue(format) ?? "table", parse.InvocationConfiguration.Output);
            return result.Run.AnyFailed ? ExitCodes.ActionFailed : ExitCodes.Success;
        });
        return command;
    }
}
