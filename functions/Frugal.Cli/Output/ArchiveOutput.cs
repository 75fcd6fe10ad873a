using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Engine.ModelArchive;

namespace Frugal.Cli.Output;

/// <summary>Writes a model archive plan, run or restore as a table for people or as JSON for tools.</summary>
internal static class ArchiveOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteRun(ArchiveRunResult run, bool applied, bool showKept, string format, TextWriter writer)
    {
        if (format == "json")
        {
            writer.WriteLine(Json(run).ToJsonString(Indented));
            return;
        }

        var plan = run.Plan;
        writer.WriteLine(Invariant($"Model archive plan as of {plan.At:yyyy-MM-dd HH:mm} UTC: ")
            + Invariant($"{plan.Decisions.Count} to change, {plan.Kept.Count} kept"));
        WriteOutcomes("Finished from the journal", run.Resumed, writer);
        WriteDecisions(plan, writer);
        if (showKept && plan.Kept.Count > 0)
        {
            writer.WriteLine();
            var kept = new TextTable("VERSION", "CLASS", "SIZE", "KEPT BECAUSE").AlignRight(2);
            foreach (var version in plan.Kept)
            {
                kept.Add(version.Key.ToString(), Name(version.Tier), Size(version.SizeBytes), version.Reason);
            }

            kept.Write(writer);
        }

        writer.WriteLine();
        writer.WriteLine("Estimated monthly saving: "
            + (plan.MonthlySaving.Count == 0 ? "none" : string.Join(" + ", plan.MonthlySaving)));
        WriteVerdict(run, applied, writer);
    }

    public static void WriteRestore(ArchiveOutcome outcome, string format, TextWriter writer)
    {
        if (format == "json")
        {
            writer.WriteLine(Outcome(outcome).ToJsonString(Indented));
            return;
        }

        writer.WriteLine($"{outcome.Key}: {outcome.Detail}");
        if (outcome.Progress is { Complete: false } progress)
        {
            writer.WriteLine(Invariant($"progress: {progress.HotObjects}/{progress.Objects} objects, ")
                + $"{Size(progress.HotBytes)} of {Size(progress.Bytes)} back; run restore again to follow it");
        }
    }

    private static void WriteDecisions(ArchivePlan plan, TextWriter writer)
    {
        writer.WriteLine();
        if (plan.Decisions.Count == 0)
        {
            writer.WriteLine("Nothing to move or delete.");
            return;
        }

        var table = new TextTable("VERSION", "ACTION", "FROM", "TO", "SIZE", "SAVING/MONTH", "REASON").AlignRight(4, 5);
        foreach (var d in plan.Decisions)
        {
            table.Add(d.Key.ToString(), d.Operation.ToString().ToLowerInvariant(), Name(d.From),
                d.Operation == ArchiveOperation.Delete ? "-" : Name(d.To), Size(d.SizeBytes),
                d.MonthlySaving.ToString(), d.Reason);
        }

        table.Write(writer);
    }

    private static void WriteOutcomes(string title, IReadOnlyList<ArchiveOutcome> outcomes, TextWriter writer)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"{title}:");
        foreach (var outcome in outcomes)
        {
            writer.WriteLine($"  {outcome.Key} {outcome.Operation.ToString().ToLowerInvariant()}: "
                + $"{(outcome.Failed ? "FAILED " : "")}{outcome.Detail}");
        }
    }

    private static void WriteVerdict(ArchiveRunResult run, bool applied, TextWriter writer)
    {
        if (!applied)
        {
            writer.WriteLine("Plan only: nothing was changed. 'frugal models apply' carries it out.");
        }
        else if (run.DryRun)
        {
            writer.WriteLine("Dry run (safety.dryRun): nothing was moved or deleted.");
        }
        else if (run.Refusal is { } refusal)
        {
            writer.WriteLine($"Plan REFUSED: {refusal}");
        }
        else
        {
            WriteOutcomes("Done", run.Outcomes, writer);
        }
    }

    private static JsonObject Json(ArchiveRunResult run) => new()
    {
        ["at"] = run.Plan.At.ToString("O", CultureInfo.InvariantCulture),
        ["dryRun"] = run.DryRun,
        ["refusal"] = run.Refusal,
        ["monthlySaving"] = new JsonArray([.. run.Plan.MonthlySaving.Select(m => (JsonNode?)new JsonObject
        {
            ["amount"] = m.Amount,
            ["currency"] = m.Currency.Code,
        })]),
        ["decisions"] = new JsonArray([.. run.Plan.Decisions.Select(d => (JsonNode?)new JsonObject
        {
            ["registry"] = d.Key.Registry,
            ["model"] = d.Key.Model,
            ["version"] = d.Key.Version,
            ["operation"] = d.Operation.ToString().ToLowerInvariant(),
            ["from"] = Name(d.From),
            ["to"] = Name(d.To),
            ["sizeBytes"] = d.SizeBytes,
            ["monthlySaving"] = d.MonthlySaving.Amount,
            ["currency"] = d.MonthlySaving.Currency.Code,
            ["reason"] = d.Reason,
        })]),
        ["kept"] = new JsonArray([.. run.Plan.Kept.Select(k => (JsonNode?)new JsonObject
        {
            ["registry"] = k.Key.Registry,
            ["model"] = k.Key.Model,
            ["version"] = k.Key.Version,
            ["class"] = Name(k.Tier),
            ["reason"] = k.Reason,
        })]),
        ["resumed"] = new JsonArray([.. run.Resumed.Select(o => (JsonNode?)Outcome(o))]),
        ["outcomes"] = new JsonArray([.. run.Outcomes.Select(o => (JsonNode?)Outcome(o))]),
    };

    private static JsonObject Outcome(ArchiveOutcome outcome) => new()
    {
        ["registry"] = outcome.Key.Registry,
        ["model"] = outcome.Key.Model,
        ["version"] = outcome.Key.Version,
        ["operation"] = outcome.Operation.ToString().ToLowerInvariant(),
        ["state"] = outcome.State.ToString().ToLowerInvariant(),
        ["failed"] = outcome.Failed,
        ["detail"] = outcome.Detail,
        ["hotObjects"] = outcome.Progress?.HotObjects,
        ["objects"] = outcome.Progress?.Objects,
        ["hotBytes"] = outcome.Progress?.HotBytes,
        ["bytes"] = outcome.Progress?.Bytes,
    };

    private static string Name(StorageTier tier) => tier.ToString().ToLowerInvariant();

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => Invariant($"{bytes / (double)(1L << 30):0.##} GiB"),
        >= 1L << 20 => Invariant($"{bytes / (double)(1L << 20):0.##} MiB"),
        _ => Invariant($"{bytes / 1024.0:0.#} KiB"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
