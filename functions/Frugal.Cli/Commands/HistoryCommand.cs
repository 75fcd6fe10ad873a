using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Cli.Output;
using Frugal.Engine;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.Hosting;
using Frugal.State.Sqlite;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal history</c>: the audit log of plans, crossings, action outcomes and notification attempts, newest first;
/// with <c>--dead-letters</c>, the notifications and actions Frugal gave up on, and why.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy") { Description = "The policy file, to find its state file." };
        var state = CommonOptions.State();
        var budget = new Option<string?>("--budget") { Description = "Only entries of this budget." };
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many entries.",
            DefaultValueFactory = _ => 50,
        };
        var format = CommonOptions.Format("table", "json");
        var deadLetters = new Option<bool>("--dead-letters")
        {
            Description = "Show only the notifications and actions Frugal gave up on, and why.",
        };
        var command = new Command("history", "Show what Frugal planned and did, newest first.")
        {
            policy, state, budget, limit, format, deadLetters,
        };

        command.SetAction(async (parse, ct) =>
        {
            var path = StatePath(parse.GetValue(policy), parse.GetValue(state));
            var store = SqliteStateStore.OpenReadOnly(path);
            if (parse.GetValue(deadLetters))
            {
                await DeadLetterOutput.WriteAsync(store, parse.GetValue(limit), parse.GetValue(format) ?? "table",
                    parse.InvocationConfiguration.Output, ct).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            IReadOnlyList<AuditEntry> entries = store is null
                ? []
                : await store.ReadAuditAsync(new AuditQuery(parse.GetValue(limit), parse.GetValue(budget)), ct)
                    .ConfigureAwait(false);
            Write(entries, parse.GetValue(format) ?? "table", parse.InvocationConfiguration.Output);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string StatePath(string? policyPath, string? statePath)
    {
        if (!string.IsNullOrWhiteSpace(statePath))
        {
            return Path.GetFullPath(statePath);
        }

        if (string.IsNullOrWhiteSpace(policyPath))
        {
            throw new FrugalInputException("history needs --policy FILE or --state FILE");
        }

        return BudgetJob.StatePath(new BudgetJobRequest(policyPath), PolicyLoader.LoadValid(policyPath));
    }

    private static void Write(IReadOnlyList<AuditEntry> entries, string format, TextWriter writer)
    {
        if (format == "json")
        {
            var array = new JsonArray(entries.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.Id,
                ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture),
                ["kind"] = e.Kind.ToString().ToLowerInvariant(),
                ["budget"] = e.Budget,
                ["key"] = e.Key,
                ["outcome"] = e.Outcome,
                ["summary"] = e.Summary,
            }).ToArray());
            writer.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        if (entries.Count == 0)
        {
            writer.WriteLine("No history yet: nothing has been run against this state.");
            return;
        }

        var table = new TextTable("AT (UTC)", "KIND", "BUDGET", "WHAT", "OUTCOME");
        foreach (var e in entries)
        {
            table.Add(e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.Kind.ToString().ToLowerInvariant(), e.Budget ?? "-", e.Summary, e.Outcome ?? "-");
        }

        table.Write(writer);
    }
}
