using System.CommandLine;
using Frugal.Cli.Output;
using Frugal.Engine;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal gpu submit|jobs</c>: hand a batch job to the gpu-worker pool (sent through the queue in
/// <c>Frugal__GpuJobs__ConnectionString</c>, or held while its budget sits at its hold rung) and list the jobs
/// with what they cost. Exit codes: 0 sent, held or already known; 1 recorded but not sent; 2 bad input.
/// </summary>
internal static class GpuCommand
{
    public static Command Create() => new("gpu", "Submit batch jobs to the GPU worker pool and see what they cost.")
    {
        GpuSubmitCommand.Create(),
        CreateJobs(),
    };

    /// <summary>The command's services, with the GPU job queue configured from <c>Frugal__GpuJobs__*</c>.</summary>
    internal static ServiceProvider Services(string? now, TextWriter stderr)
    {
        var services = JobServices.Build(CommonOptions.Clock(now), stderr, collection =>
            collection.AddFrugalGpuJobs(new ConfigurationBuilder().AddEnvironmentVariables().Build()));
        try
        {
            _ = services.GetRequiredService<IOptions<GpuJobOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            services.Dispose();
            throw new FrugalInputException(string.Join('\n', ex.Failures));
        }

        return services;
    }

    private static Command CreateJobs()
    {
        var policy = CommonOptions.Policy();
        var state = CommonOptions.State();
        var now = CommonOptions.Now();
        var format = CommonOptions.Format("table", "json");
        var limit = new Option<int>("--limit")
        {
            Description = "How many jobs to list.", DefaultValueFactory = _ => 50,
        };
        var days = new Option<int>("--days")
        {
            Description = "Usage per model version over this many days up to now.", DefaultValueFactory = _ => 30,
        };
        var command = new Command("jobs", "List GPU jobs (state, reason, GPU-seconds, cost per 1,000 predictions).")
        {
            policy, state, now, format, limit, days,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var services = Services(parse.GetValue(now), parse.InvocationConfiguration.Error);
            var clock = services.GetRequiredService<TimeProvider>();
            var listing = await services.GetRequiredService<GpuJobDispatch>().ListAsync(
                new BudgetJobRequest(parse.GetRequiredValue(policy), StatePath: parse.GetValue(state)),
                Math.Max(1, parse.GetValue(limit)), clock.GetUtcNow().AddDays(-Math.Max(1, parse.GetValue(days))), ct)
                .ConfigureAwait(false);
            GpuJobOutput.WriteListing(listing, parse.GetValue(format) ?? "table", output);
            return ExitCodes.Success;
        });
        return command;
    }
}
