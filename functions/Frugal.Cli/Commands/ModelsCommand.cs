using System.CommandLine;
using Frugal.Cli.Output;
using Frugal.Engine.ModelArchive;
using Frugal.Hosting.ModelArchive;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal models plan|apply|restore</c>: archive stale model versions to colder storage and bring them back;
/// <c>frugal models signal|retraining</c>: retraining on signals (<see cref="RetrainingCommands"/>).
/// Exit codes: 0 success, 1 a change failed or the plan was refused, 2 bad input or configuration.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create() => new("models",
        "Archive stale model versions to colder storage and restore them; retrain models on their signals.")
    {
        CreateRun("plan", "Show which versions would move or be deleted, and the saving; change nothing.",
            apply: false),
        CreateRun("apply", "Finish unfinished moves, then carry the plan out (safety.dryRun and the cap apply).",
            apply: true),
        CreateRestore(),
        RetrainingCommands.CreateSignal(),
        RetrainingCommands.CreateRetraining(),
    };

    private static Command CreateRun(string name, string description, bool apply)
    {
        var options = new ModelsOptions();
        var showKept = new Option<bool>("--show-kept") { Description = "Also list the versions kept, and why." };
        var command = options.AddTo(new Command(name, description) { showKept });
        command.SetAction(async (parse, ct) =>
        {
            await using var services = JobServices.Build(CommonOptions.Clock(parse.GetValue(options.Now)),
                parse.InvocationConfiguration.Error);
            var job = services.GetRequiredService<ModelArchiveJob>();
            var request = options.Request(parse);
            var result = apply ? await job.ApplyAsync(request, ct).ConfigureAwait(false)
                : await job.PlanAsync(request, ct).ConfigureAwait(false);
            ArchiveOutput.WriteRun(result.Run, apply, parse.GetValue(showKept), options.FormatOf(parse),
                parse.InvocationConfiguration.Output);
            return result.Run.AnyFailed || result.Run.Refusal is not null ? ExitCodes.ActionFailed : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRestore()
    {
        var options = new ModelsOptions();
        var command = options.AddTo(new Command("restore",
            "Bring a version back to the hot class, or report how far its rehydration has come."));
        command.SetAction(async (parse, ct) =>
        {
            await using var services = JobServices.Build(CommonOptions.Clock(parse.GetValue(options.Now)),
                parse.InvocationConfiguration.Error);
            var outcome = await services.GetRequiredService<ModelArchiveJob>()
                .RestoreAsync(options.Request(parse), ct).ConfigureAwait(false);
            ArchiveOutput.WriteRestore(outcome, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return outcome.Failed ? ExitCodes.ActionFailed : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The options every <c>models</c> command takes.</summary>
    private sealed class ModelsOptions
    {
        public Option<string> Policy { get; } = CommonOptions.Policy();

        public Option<string?> State { get; } = CommonOptions.State();

        public Option<string?> Now { get; } = CommonOptions.Now();

        public Option<string> Format { get; } = CommonOptions.Format("table", "json");

        public Option<string?> Registry { get; } = new("--registry") { Description = "Only this registry." };

        public Option<string?> Model { get; } = new("--model") { Description = "Only this model." };

        public Option<string?> Version { get; } = new("--version") { Description = "Only this version of the model." };

        public Command AddTo(Command command)
        {
            foreach (var option in new Option[] { Policy, State, Now, Format, Registry, Model, Version })
            {
                command.Options.Add(option);
            }

            return command;
        }

        public ModelArchiveRequest Request(ParseResult parse) => new(
            parse.GetRequiredValue(Policy),
            parse.GetValue(State),
            new ArchiveScope(parse.GetValue(Registry), parse.GetValue(Model), parse.GetValue(Version)));

        public string FormatOf(ParseResult parse) => parse.GetValue(Format) ?? "table";
    }
}
