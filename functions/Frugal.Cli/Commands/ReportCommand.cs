using System.CommandLine;
using System.Globalization;
using System.Text;
using Frugal.Cli.Output;
using Frugal.Engine;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;
using Frugal.Hosting.Insights;
using Frugal.Notifications.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal report</c>: where the money went over a period and what to change, as an HTML page with charts and the
/// same content as JSON; a summary goes to stdout. Exit codes: 0 written, 2 bad input (nothing written).
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy")
        {
            Description = "The policy file: its FOCUS files, and its model registries for the storage check.",
        };
        var focus = CommonOptions.Focus();
        var state = CommonOptions.State();
        var now = CommonOptions.Now();
        var from = new Option<string?>("--from") { Description = "Period start (inclusive), yyyy-MM-dd UTC." };
        var to = new Option<string?>("--to") { Description = "Period end (exclusive), yyyy-MM-dd UTC." };
        var metric = new Option<CostMetric>("--metric")
        {
            Description = "BilledCost (default) or EffectiveCost.",
            DefaultValueFactory = _ => CostMetric.BilledCost,
        };
        var strict = CommonOptions.Strict();
        var html = new Option<string?>("--out") { Description = "Write the HTML report to this file." };
        var json = new Option<string?>("--json") { Description = "Write the report as JSON to this file." };

        var command = new Command("report", "Write a cost report: spend breakdowns, movers and recommendations.")
        {
            policy, focus, state, now, from, to, metric, strict, html, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var request = new InsightRequest
            {
                PolicyPath = parse.GetValue(policy),
                FocusPaths = parse.GetValue(focus) ?? [],
                StatePath = parse.GetValue(state),
                Period = Period(parse.GetValue(from), parse.GetValue(to)),
                Metric = parse.GetValue(metric),
                Strict = parse.GetValue(strict),
            };
            await using var services = JobServices.Build(CommonOptions.Clock(parse.GetValue(now)),
                parse.InvocationConfiguration.Error);
            var report = await services.GetRequiredService<InsightJob>().ReportAsync(request, ct)
                .ConfigureAwait(false);

            var output = parse.InvocationConfiguration.Output;
            await WriteAsync(parse.GetValue(html), InsightReportHtml.Render(report), output, ct).ConfigureAwait(false);
            await WriteAsync(parse.GetValue(json), InsightReportJson.Write(report), output, ct).ConfigureAwait(false);
            await output.WriteAsync(InsightSummary.Text(report)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static InsightPeriod? Period(string? from, string? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        if (from is null || to is null)
        {
            throw new FrugalInputException("give both --from and --to, or neither (the 30 days the data ends with)");
        }

        var (start, end) = (Bound("--from", from), Bound("--to", to));
        return start < end
            ? new InsightPeriod(start, end)
            : throw new FrugalInputException($"--from ({from}) must come before --to ({to})");
    }

    private static DateTimeOffset Bound(string option, string text) =>
        FocusTimestamp.TryParse(text, out var bound)
            ? bound
            : throw new FrugalInputException($"{option} '{text}' is not a date (yyyy-MM-dd) or a timestamp");

    private static async Task WriteAsync(string? path, string content, TextWriter output, CancellationToken ct)
    {
        if (path is null)
        {
            return;
        }

        var bytes = new UTF8Encoding(false).GetBytes(content);
        await File.WriteAllBytesAsync(path, bytes, ct).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {path} ({bytes.Length / 1024.0:0.#} KiB)")).ConfigureAwait(false);
    }
}
