using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Engine.Retraining;
using Frugal.Hosting.Retraining;

namespace Frugal.Cli.Output;

/// <summary>Signals taken in and retraining decisions, as a table with reasons or as JSON.</summary>
internal static class RetrainingOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteIntake(SignalIntakeResult intake, string format, TextWriter writer)
    {
        if (format == "json")
        {
            var json = new JsonObject
            {
                ["recorded"] = intake.Recorded,
                ["repeats"] = intake.Repeats,
                ["decisions"] = new JsonArray([.. intake.Decisions.Select(Json)]),
                ["note"] = intake.Note,
            };
            writer.WriteLine(json.ToJsonString(Indented));
            return;
        }

        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{intake.Recorded} signals recorded, {intake.Repeats} repeats"));
        if (intake.Note is { } note)
        {
            writer.WriteLine(note);
        }

        WriteTable(intake.Decisions, writer);
    }

    public static void WriteDecisions(IReadOnlyList<RetrainingRecord> decisions, string format, TextWriter writer)
    {
        if (format == "json")
        {
            writer.WriteLine(new JsonArray([.. decisions.Select(Json)]).ToJsonString(Indented));
            return;
        }

        if (decisions.Count == 0)
        {
            writer.WriteLine("No retraining decisions recorded.");
            return;
        }

        WriteTable(decisions, writer);
    }

    private static void WriteTable(IReadOnlyList<RetrainingRecord> decisions, TextWriter writer)
    {
        foreach (var decision in decisions)
        {
            var job = decision.Launch?.JobId is { } id ? $" job {id}" : "";
            writer.WriteLine($"{Stamp(decision.At)}  {decision.Model}  {decision.Outcome}{job}  {decision.Reason}");
            foreach (var line in decision.Evidence)
            {
                writer.WriteLine($"    {line}");
            }
        }
    }

    private static JsonNode Json(RetrainingRecord decision) => new JsonObject
    {
        ["model"] = decision.Model,
        ["at"] = decision.At.ToString("O", CultureInfo.InvariantCulture),
        ["verdict"] = decision.Verdict.ToString(),
        ["outcome"] = decision.Outcome,
        ["reason"] = decision.Reason,
        ["evidence"] = new JsonArray([.. decision.Evidence.Select(e => (JsonNode?)JsonValue.Create(e))]),
        ["trainingJob"] = decision.TrainingJob,
        ["budget"] = decision.Budget,
        ["estimate"] = decision.Estimate?.Amount,
        ["currency"] = decision.Estimate?.Currency.ToString(),
        ["idempotencyKey"] = decision.IdempotencyKey,
        ["jobId"] = decision.Launch?.JobId,
        ["launchDetail"] = decision.Launch?.Detail,
    };

    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
