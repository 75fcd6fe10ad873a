using System.CommandLine;
using Frugal.Cli.Output;
using Frugal.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal plan</c> shows each budget and what Frugal would do, changing nothing; <c>frugal run</c> does the
/// same and carries the plan out. Exit codes: 0 success, 1 a failure while acting, 2 bad input or configuration.
/// </summary>
internal static class PlanCommand
{
    public static Command CreatePlan() =>
        Create("plan", "Show budgets and the plan of actions; change nothing.", run: false);

    public static Command CreateRun() => Create("run", "Evaluate budgets and carry the plan out.", run: true);

    private static Command Create(string name, string description, bool run)
    {
        var policy = CommonOptions.Policy();
        var focus = CommonOptions.Focus();
        var state = CommonOptions.State();
        var now = CommonOptions.Now();
        var format = CommonOptions.Format("table", "json");
        var strict = CommonOptions.Strict();
        var command = new Command(name, description) { policy, focus, state, now, format, strict };

        command.SetAction((parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return RunAsync();

            async Task<int> RunAsync()
            {
                var request = new BudgetJobRequest(
                    parse.GetRequiredValue(policy),
                    parse.GetValue(focus),
                    parse.GetValue(state),
                    parse.GetValue(strict));
                await using var services = JobServices.Build(CommonOptions.Clock(parse.GetValue(now)), stderr);
                var job = services.GetRequiredService<BudgetJob>();
                var result = run ? await job.RunAsync(request, ct).ConfigureAwait(false)
                    : await job.PlanAsync(request, ct).ConfigureAwait(false);

                PlanOutput.Write(result, parse.GetValue(format) ?? "table", stdout);
                return ExitCode(result);
            }
        });
        return command;
    }

    private static int ExitCode(BudgetJobResult result) =>
        result.Report is { AnyFailed: true } or { Refusal: not null } ? ExitCodes.ActionFailed : ExitCodes.Success;
}
