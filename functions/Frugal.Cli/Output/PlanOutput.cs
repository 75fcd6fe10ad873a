using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Engine.Budgets;
using Frugal.Engine.Execution;
using Frugal.Engine.Planning;
using Frugal.Hosting;

namespace Frugal.Cli.Output;

/// <summary>Writes a plan (and a run's outcomes) as a table for people or as JSON for tools.</summary>
internal static class PlanOutput
{
    public static void Write(BudgetJobResult result, string format, TextWriter writer)
    {
        if (format == "json")
        {
            writer.WriteLine(Json(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        WriteTable(result, writer);
    }

    private static void WriteTable(BudgetJobResult result, TextWriter writer)
    {
        var plan = result.Plan;
        var rejected = result.Ledger.RowsRejected > 0
            ? Invariant($" ({result.Ledger.RowsRejected:N0} rejected)")
            : string.Empty;
        var rows = Invariant($"{result.Ledger.RowsRead:N0} cost rows read");
        writer.WriteLine(Invariant($"As of {plan.CreatedAt:yyyy-MM-dd HH:mm} UTC, {rows}{rejected}"));
        writer.WriteLine();

        var table = new TextTable("BUDGET", "PERIOD", "SPEND", "FORECAST", "AMOUNT", "SPEND%", "FORECAST%", "REACHED")
            .AlignRight(2, 3, 4, 5, 6);
        foreach (var status in plan.Budgets)
        {
            table.Add(status.Budget.Name, status.Period.Label, status.Actual.ToString(), status.Forecast.ToString(),
                status.Budget.Amount.ToString(), Percent(status.ActualFraction), Percent(status.ForecastFraction),
                status.Crossed.Count == 0 ? "-" : string.Join(", ", status.Crossed.Select(c => c.Threshold.Id)));
        }

        table.Write(writer);
        foreach (var status in plan.Budgets.Where(s => s.OtherCurrencies.Count > 0))
        {
            writer.WriteLine($"note: {status.Budget.Name} has spend in other currencies, not counted: " +
                string.Join(", ", status.OtherCurrencies.Select(o => new Engine.Money.Money(o.Value, o.Key))));
        }

        writer.WriteLine();
        WriteActions(plan, result.Report, writer);
    }

    private static void WriteActions(BudgetPlan plan, ExecutionReport? report, TextWriter writer)
    {
        if (plan.Refusal is { } refusal)
        {
            writer.WriteLine($"Plan REFUSED: {refusal}");
        }

        var dryRun = plan.Actions.Count(a => a.DryRun);
        writer.WriteLine(Invariant($"Plan: {plan.Actions.Count} new action(s), {dryRun} dry-run") +
            (plan.AlreadyFired.Count > 0
                ? Invariant($"; {plan.AlreadyFired.Count} threshold(s) already acted on")
                : string.Empty));
        for (var i = 0; i < plan.Actions.Count; i++)
        {
            writer.WriteLine(Invariant($"  {i + 1}. {plan.Actions[i].Reason}"));
        }

        if (report is null)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine(Invariant($"Done: {report.Outcomes.Count} action(s) carried out or settled"));
        foreach (var outcome in report.Outcomes)
        {
            writer.WriteLine($"  {outcome.Result.Status.ToString().ToLowerInvariant(),-10} {outcome.Action.Kind} " +
                $"{outcome.Action.Target}: {outcome.Result.Detail}");
        }

        WriteDeliveries(report, writer);
    }

    private static void WriteDeliveries(ExecutionReport report, TextWriter writer)
    {
        writer.WriteLine(Invariant($"Notifications: {report.Deliveries.Count} sent or tried"));
        foreach (var delivery in report.Deliveries)
        {
            writer.WriteLine($"  {delivery.Status.ToString().ToLowerInvariant(),-12} {delivery.Envelope.Channel}: " +
                $"{delivery.Envelope.Event.Headline} ({delivery.Detail})");
        }
    }

    private static JsonObject Json(BudgetJobResult result) => new()
    {
        ["now"] = result.Plan.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["rowsRead"] = result.Ledger.RowsRead,
        ["rowsRejected"] = result.Ledger.RowsRejected,
        ["budgets"] = new JsonArray(result.Plan.Budgets.Select(BudgetJson).ToArray<JsonNode?>()),
        ["plan"] = new JsonObject
        {
            ["refused"] = result.Plan.Refusal,
            ["alreadyFired"] = new JsonArray(result.Plan.AlreadyFired.Select(k => (JsonNode?)k).ToArray()),
            ["actions"] = new JsonArray(result.Plan.Actions.Select(ActionJson).ToArray<JsonNode?>()),
        },
        ["outcomes"] = result.Report is null
            ? null
            : new JsonArray(result.Report.Outcomes.Select(o => (JsonNode?)new JsonObject
            {
                ["key"] = o.Action.IdempotencyKey,
                ["status"] = o.Result.Status.ToString().ToLowerInvariant(),
                ["detail"] = o.Result.Detail,
                ["attempts"] = o.Attempts,
            }).ToArray()),
        ["notifications"] = result.Report is null
            ? null
            : new JsonArray(result.Report.Deliveries.Select(d => (JsonNode?)new JsonObject
            {
                ["key"] = d.Envelope.Key,
                ["channel"] = d.Envelope.Channel,
                ["kind"] = d.Envelope.Event.Kind.ToString(),
                ["status"] = d.Status.ToString().ToLowerInvariant(),
                ["detail"] = d.Detail,
                ["attempts"] = d.Attempts,
            }).ToArray()),
    };

    private static JsonObject BudgetJson(BudgetStatus status) => new()
    {
        ["name"] = status.Budget.Name,
        ["period"] = status.Period.Label,
        ["periodStart"] = status.Period.Start.ToString("O", CultureInfo.InvariantCulture),
        ["periodEnd"] = status.Period.End.ToString("O", CultureInfo.InvariantCulture),
        ["timeZone"] = status.Budget.TimeZone,
        ["currency"] = status.Budget.Currency.Code,
        ["amount"] = Amount(status.Budget.Amount.Amount),
        ["actual"] = Amount(status.Actual.Amount),
        ["forecast"] = Amount(status.Forecast.Amount),
        ["linearRunRate"] = Amount(status.LinearRunRate.Amount),
        ["forecastMethod"] = status.ForecastMethod,
        ["dataThrough"] = status.DataThrough?.ToString("O", CultureInfo.InvariantCulture),
        ["reached"] = new JsonArray(status.Crossed.Select(c => (JsonNode?)new JsonObject
        {
            ["threshold"] = c.Threshold.Id,
            ["level"] = Amount(c.Level.Amount),
            ["spend"] = Amount(c.Spend.Amount),
        }).ToArray()),
        ["otherCurrencies"] = new JsonObject(status.OtherCurrencies.Select(o =>
            KeyValuePair.Create(o.Key.Code, (JsonNode?)Amount(o.Value)))),
    };

    private static JsonObject ActionJson(PlannedAction action) => new()
    {
        ["key"] = action.IdempotencyKey,
        ["kind"] = action.Kind.ToString(),
        ["budget"] = action.Budget,
        ["threshold"] = action.ThresholdId,
        ["target"] = action.Target,
        ["dryRun"] = action.DryRun,
        ["reason"] = action.Reason,
    };

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string Percent(decimal fraction) => fraction.ToString("0%", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
