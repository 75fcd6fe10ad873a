using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Engine.Autoscaling;
using Frugal.Hosting;

namespace Frugal.Cli.Output;

/// <summary>Writes an autoscaling run as a before/after diff for people or as JSON for tools.</summary>
internal static class AutoscalingOutput
{
    public static void Write(AutoscalingJobResult result, string format, TextWriter writer)
    {
        if (format == "json")
        {
            writer.WriteLine(Json(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var run = result.Run;
        var plan = run.Plan;
        writer.WriteLine(Invariant($"As of {plan.CreatedAt:yyyy-MM-dd HH:mm} UTC: {plan.Changes.Count} to change, ")
            + Invariant($"{plan.Deferred.Count} deferred, {plan.Skipped.Count} left alone, {plan.Unchanged} as wanted")
            + (plan.DryRun ? " [dry run: nothing is changed]" : ""));
        foreach (var cap in result.Caps)
        {
            writer.WriteLine($"cap in force: {cap.Reason} ({cap.Target})");
        }

        foreach (var change in plan.Changes)
        {
            WriteChange(change, run.Outcomes.FirstOrDefault(o => o.Change.Hpa == change.Hpa), writer);
        }

        var limit = result.Policy.Autoscaling.MaxChangesPerRun;
        WriteList(writer, Invariant($"Deferred to the next run (autoscaling.maxChangesPerRun is {limit}):"),
            plan.Deferred.Select(c => $"{c.Hpa}: {c.Before} -> {c.After}"));
        WriteList(writer, "Left alone:", plan.Skipped.Select(s => $"{s.Hpa}: {s.Reason}"));
        WriteList(writer, "Could not read:", run.Problems);
    }

    private static void WriteChange(HpaLimitChange change, HpaChangeOutcome? outcome, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"~ {change.Hpa} ({change.Kind.ToString().ToLowerInvariant()}, resourceVersion "
            + $"{change.ResourceVersion})");
        foreach (var line in change.Diff())
        {
            writer.WriteLine($"    {line}");
        }

        writer.WriteLine($"    why: {change.Reason}");
        if (outcome is not null)
        {
            var status = outcome.Superseded ? "superseded" : outcome.Status.ToString().ToLowerInvariant();
            writer.WriteLine($"    result: {status}: {outcome.Detail}");
        }
    }

    private static void WriteList(TextWriter writer, string title, IEnumerable<string> lines)
    {
        var items = lines.ToList();
        if (items.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine(title);
        foreach (var line in items)
        {
            writer.WriteLine($"  {line}");
        }
    }

    private static JsonObject Json(AutoscalingJobResult result)
    {
        var run = result.Run;
        return new JsonObject
        {
            ["createdAt"] = run.Plan.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["dryRun"] = run.Plan.DryRun,
            ["caps"] = new JsonArray([.. result.Caps.Select(c => (JsonNode)c.Reason)]),
            ["changes"] = new JsonArray([.. run.Plan.Changes.Select(c =>
                (JsonNode)Change(c, run.Outcomes.FirstOrDefault(o => o.Change.Hpa == c.Hpa)))]),
            ["deferred"] = new JsonArray([.. run.Plan.Deferred.Select(c => (JsonNode)Change(c, null))]),
            ["skipped"] = new JsonArray([.. run.Plan.Skipped.Select(s =>
                (JsonNode)new JsonObject { ["hpa"] = s.Hpa.ToString(), ["reason"] = s.Reason })]),
            ["unchanged"] = run.Plan.Unchanged,
            ["problems"] = new JsonArray([.. run.Problems.Select(p => (JsonNode)p)]),
        };
    }

    private static JsonObject Change(HpaLimitChange change, HpaChangeOutcome? outcome)
    {
        var json = new JsonObject
        {
            ["hpa"] = change.Hpa.ToString(),
            ["kind"] = change.Kind.ToString().ToLowerInvariant(),
            ["resourceVersion"] = change.ResourceVersion,
            ["before"] = Limits(change.Before),
            ["after"] = Limits(change.After),
            ["annotations"] = new JsonObject([.. change.Annotations.Select(a =>
                KeyValuePair.Create(a.Key, a.Value is null ? null : (JsonNode)a.Value))]),
            ["reason"] = change.Reason,
        };
        if (outcome is not null)
        {
            json["outcome"] = new JsonObject
            {
                ["status"] = outcome.Superseded ? "superseded" : outcome.Status.ToString().ToLowerInvariant(),
                ["detail"] = outcome.Detail,
                ["conflicts"] = outcome.Attempts,
            };
        }

        return json;
    }

    private static JsonObject Limits(ReplicaLimits limits) =>
        new() { ["minReplicas"] = limits.Min, ["maxReplicas"] = limits.Max };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
