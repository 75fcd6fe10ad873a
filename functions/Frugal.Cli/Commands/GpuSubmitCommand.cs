using System.CommandLine;
using Frugal.Cli.Output;
using Frugal.Engine;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary><c>frugal gpu submit</c>: one job from a JSON file (the HTTP body's shape) or from flags.</summary>
internal static class GpuSubmitCommand
{
    public static Command Create()
    {
        var policy = CommonOptions.Policy();
        var state = CommonOptions.State();
        var focus = CommonOptions.Focus();
        var now = CommonOptions.Now();
        var format = CommonOptions.Format("text", "json");
        var file = new Option<string?>("--file") { Description = "The job as JSON, as POST /api/gpu-jobs takes it." };
        var fields = new JobFlags();
        var command = new Command("submit",
            "Send a job to the GPU workers, or hold it while its budget is at its hold rung.")
        {
            policy, state, focus, now, format, file,
        };
        fields.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var services = GpuCommand.Services(parse.GetValue(now), parse.InvocationConfiguration.Error);
            var dispatch = services.GetRequiredService<GpuJobDispatch>();
            var request = new BudgetJobRequest(parse.GetRequiredValue(policy), parse.GetValue(focus),
                parse.GetValue(state));
            var path = parse.GetValue(file);
            var result = path is null
                ? await dispatch.SubmitAsync(request, fields.Draft(parse), ct).ConfigureAwait(false)
                : await dispatch.SubmitAsync(request, await ReadAsync(path, fields, parse, ct).ConfigureAwait(false),
                    ct).ConfigureAwait(false);
            var source = path ?? "gpu submit";
            var submission = result.Submission
                ?? throw new FrugalInputException(string.Join('\n', result.Errors.Select(e => $"{source}: {e}")));
            if (submission.Conflict)
            {
                throw new FrugalInputException($"{source}: id: '{submission.Job.Id}' already names another job");
            }

            GpuJobOutput.WriteSubmission(submission, parse.GetValue(format) ?? "text",
                parse.InvocationConfiguration.Output);
            return submission.Job.State == GpuJobState.Submitted ? ExitCodes.ActionFailed : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(
        string path, JobFlags fields, ParseResult parse, CancellationToken ct)
    {
        if (fields.AnyGiven(parse))
        {
            throw new FrugalInputException("--file: give the job as a file or as flags, not both");
        }

        if (!File.Exists(path))
        {
            throw new FrugalInputException($"--file: {path} does not exist");
        }

        return await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
    }

    /// <summary>The job's fields as flags, named after the JSON fields.</summary>
    private sealed class JobFlags
    {
        private readonly Option<string?> _id = new("--id") { Description = "The job id, its idempotency key." };
        private readonly Option<string?> _kind = new("--kind") { Description = "infer or quantize." };
        private readonly Option<string?> _model = new("--model") { Description = "The model name." };
        private readonly Option<string?> _version = new("--model-version")
        {
            Description = "The model version; default: the latest.",
        };

        private readonly Option<string?> _input = new("--input") { Description = "A blob URL or file path." };
        private readonly Option<string?> _output = new("--output") { Description = "Where outputs go (optional)." };
        private readonly Option<string?> _priority = new("--priority") { Description = "normal (default) or high." };
        private readonly Option<string?> _precision = new("--precision") { Description = "Quantize: int8 or fp16." };
        private readonly Option<string?> _budget = new("--budget") { Description = "The budget charged." };

        private Option<string?>[] All =>
            [_id, _kind, _model, _version, _input, _output, _priority, _precision, _budget];

        public void AddTo(Command command)
        {
            foreach (var option in All)
            {
                command.Options.Add(option);
            }
        }

        public bool AnyGiven(ParseResult parse) => All.Any(option => parse.GetValue(option) is not null);

        public GpuJobDraft Draft(ParseResult parse) => new()
        {
            Id = parse.GetValue(_id),
            Kind = parse.GetValue(_kind),
            Model = parse.GetValue(_model),
            Version = parse.GetValue(_version),
            Input = parse.GetValue(_input),
            Output = parse.GetValue(_output),
            Priority = parse.GetValue(_priority),
            Precision = parse.GetValue(_precision),
            Budget = parse.GetValue(_budget),
        };
    }
}
