using System.CommandLine;
using Frugal.Cli.Output;
using Frugal.Engine;
using Frugal.Engine.Policies;
using Frugal.Hosting.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal train submit|list|show|cancel</c>: the training queue. Exit codes: 0 done, 2 bad input (an invalid
/// job, a name taken, no such job).
/// </summary>
internal static class TrainCommand
{
    public static Command Create() => new("train", "Queue training jobs for Spot VMs in off-peak windows.")
    {
        CreateSubmit(),
        CreateList(),
        CreateShow(),
        CreateCancel(),
    };

    private static Command CreateSubmit()
    {
        var options = new QueueOptions();
        var flags = new TrainJobFlags();
        var command = flags.AddTo(options.AddTo(new Command("submit",
            "Queue a job from a YAML or JSON file (--file) or from flags; the scheduler launches it.")));
        command.SetAction(async (parse, ct) =>
        {
            await using var services = options.Services(parse);
            var job = services.GetRequiredService<TrainingQueueJob>();
            var request = options.Request(parse);
            var policy = PolicyLoader.LoadValid(request.PolicyPath);
            var (text, file) = flags.Text(parse);
            var spec = TrainingJobFile.Parse(text, file, TrainingQueueJob.Currency(policy)).EnsureValid();
            var submission = await job.SubmitAsync(request, spec, "cli", ct).ConfigureAwait(false);
            if (submission.Job is null)
            {
                throw new FrugalInputException(string.Join('\n', submission.Problems.Select(p => $"{file}: {p}")));
            }

            TrainingOutput.WriteJob(submission.Job, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList()
    {
        var options = new QueueOptions();
        var all = new Option<bool>("--all") { Description = "Also list finished jobs." };
        var command = options.AddTo(new Command("list", "List the queue: state, costs, and why a job waits.") { all });
        command.SetAction(async (parse, ct) =>
        {
            await using var services = options.Services(parse);
            var jobs = await services.GetRequiredService<TrainingQueueJob>()
                .ListAsync(options.Request(parse), parse.GetValue(all), ct).ConfigureAwait(false);
            TrainingOutput.WriteList(jobs, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var options = new QueueOptions();
        var name = new Argument<string>("name") { Description = "The job's name." };
        var command = options.AddTo(new Command("show", "Show one job: state, reason, VM, costs and saving.") { name });
        command.SetAction(async (parse, ct) =>
        {
            await using var services = options.Services(parse);
            var job = await services.GetRequiredService<TrainingQueueJob>()
                .ShowAsync(options.Request(parse), parse.GetRequiredValue(name), ct).ConfigureAwait(false)
                ?? throw new FrugalInputException($"no training job named '{parse.GetRequiredValue(name)}'");
            TrainingOutput.WriteJob(job, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateCancel()
    {
        var options = new QueueOptions();
        var name = new Argument<string>("name") { Description = "The job's name." };
        var command = options.AddTo(new Command("cancel", "Cancel a job; a VM it has is deleted first.") { name });
        command.SetAction(async (parse, ct) =>
        {
            await using var services = options.Services(parse);
            var job = await services.GetRequiredService<TrainingQueueJob>()
                .CancelAsync(options.Request(parse), parse.GetRequiredValue(name), ct).ConfigureAwait(false)
                ?? throw new FrugalInputException($"no training job named '{parse.GetRequiredValue(name)}'");
            TrainingOutput.WriteJob(job, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The options every <c>train</c> command takes.</summary>
    private sealed class QueueOptions
    {
        public Option<string> Policy { get; } = CommonOptions.Policy();

        public Option<string?> State { get; } = CommonOptions.State();

        public Option<string?> Now { get; } = CommonOptions.Now();

        public Option<string> Format { get; } = CommonOptions.Format("table", "json");

        public Command AddTo(Command command)
        {
            foreach (var option in new Option[] { Policy, State, Now, Format })
            {
                command.Options.Add(option);
            }

            return command;
        }

        public ServiceProvider Services(ParseResult parse) =>
            JobServices.Build(CommonOptions.Clock(parse.GetValue(Now)), parse.InvocationConfiguration.Error);

        public TrainingQueueRequest Request(ParseResult parse) =>
            new(parse.GetRequiredValue(Policy), parse.GetValue(State));

        public string FormatOf(ParseResult parse) => parse.GetValue(Format) ?? "table";
    }
}
