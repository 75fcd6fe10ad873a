using System.CommandLine;
using System.Globalization;
using Frugal.Cli.Output;
using Frugal.Engine;
using Frugal.Engine.Retraining;
using Frugal.Hosting.Retraining;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal models signal</c> and <c>frugal models retraining</c>: post a model's signals as a monitoring job
/// would, and show the retraining decisions with their reasons. Exit codes: 0 recorded or shown, 2 bad input.
/// </summary>
internal static class RetrainingCommands
{
    public static Command CreateSignal()
    {
        var options = new RetrainingOptions();
        var model = new Argument<string>("model") { Description = "The model the signals are about." };
        var drift = new Option<decimal?>("--drift") { Description = "A drift score (zero or more)." };
        var metrics = new Option<string[]>("--metric")
        {
            Description = "A quality metric as NAME=VALUE, such as auc=0.81 or rmse=12.4 (repeatable).",
        };
        var rows = new Option<long?>("--data-rows") { Description = "New training rows since the current version." };
        var source = new Option<string?>("--source") { Description = "Who observed the signals; default 'cli'." };
        var command = options.AddTo(new Command("signal",
            "Record signals for a model and evaluate its retraining rule at once.") { model, drift, metrics, rows,
            source });
        command.SetAction(async (parse, ct) =>
        {
            var clock = CommonOptions.Clock(parse.GetValue(options.Now));
            var name = parse.GetRequiredValue(model);
            var signals = Signals(name, parse.GetValue(drift), parse.GetValue(metrics) ?? [], parse.GetValue(rows),
                parse.GetValue(source) ?? "cli", clock.GetUtcNow());
            await using var services = JobServices.Build(clock, parse.InvocationConfiguration.Error);
            var intake = await services.GetRequiredService<RetrainingJob>()
                .TakeInAsync(options.Request(parse), signals, ct).ConfigureAwait(false);
            RetrainingOutput.WriteIntake(intake, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateRetraining()
    {
        var options = new RetrainingOptions();
        var model = new Option<string?>("--model") { Description = "Only this model." };
        var limit = new Option<int>("--limit") { Description = "Most decisions shown.", DefaultValueFactory = _ => 20 };
        var evaluate = new Option<bool>("--evaluate")
        {
            Description = "Evaluate every rule now (queuing what is due) before showing the decisions.",
        };
        var command = options.AddTo(new Command("retraining",
            "Show retraining decisions, newest first, with their reasons.") { model, limit, evaluate });
        command.SetAction(async (parse, ct) =>
        {
            await using var services = JobServices.Build(CommonOptions.Clock(parse.GetValue(options.Now)),
                parse.InvocationConfiguration.Error);
            var job = services.GetRequiredService<RetrainingJob>();
            var request = options.Request(parse) with { Model = parse.GetValue(model) };
            if (parse.GetValue(evaluate))
            {
                await job.EvaluateAsync(request, ct).ConfigureAwait(false);
            }

            var decisions = await job.DecisionsAsync(request, Math.Max(1, parse.GetValue(limit)), ct)
                .ConfigureAwait(false);
            RetrainingOutput.WriteDecisions(decisions, options.FormatOf(parse), parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<ModelSignal> Signals(
        string model, decimal? drift, string[] metrics, long? rows, string source, DateTimeOffset now)
    {
        var signals = new List<ModelSignal>();
        if (drift is { } score)
        {
            signals.Add(ModelSignal.Create(model, SignalKinds.Drift, score, now, source, null, now, "--drift"));
        }

        foreach (var metric in metrics)
        {
            var (name, value) = Metric(metric);
            signals.Add(ModelSignal.Create(model, name, value, now, source, null, now, "--metric"));
        }

        if (rows is { } count)
        {
            signals.Add(ModelSignal.Create(model, SignalKinds.DataRows, count, now, source, null, now, "--data-rows"));
        }

        return signals.Count > 0
            ? signals
            : throw new FrugalInputException("give at least one of --drift, --metric NAME=VALUE, --data-rows");
    }

    private static (string Name, decimal Value) Metric(string text)
    {
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && decimal.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? (parts[0], value)
                : throw new FrugalInputException($"--metric: '{text}' is not NAME=VALUE, as in auc=0.81");
    }

    /// <summary>The options both commands take.</summary>
    private sealed class RetrainingOptions
    {
        public Option<string> Policy { get; } = CommonOptions.Policy();

        public Option<string?> State { get; } = CommonOptions.State();

        public Option<string[]> Focus { get; } = CommonOptions.Focus();

        public Option<string?> Now { get; } = CommonOptions.Now();

        public Option<string> Format { get; } = CommonOptions.Format("table", "json");

        public Command AddTo(Command command)
        {
            foreach (var option in new Option[] { Policy, State, Focus, Now, Format })
            {
                command.Options.Add(option);
            }

            return command;
        }

        public RetrainingRequest Request(ParseResult parse) => new(
            parse.GetRequiredValue(Policy), parse.GetValue(State), FocusPaths: parse.GetValue(Focus));

        public string FormatOf(ParseResult parse) => parse.GetValue(Format) ?? "table";
    }
}
