using System.CommandLine;
using System.Globalization;
using Frugal.Engine;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Cli.Commands;

/// <summary><c>frugal costs</c>: spend from FOCUS files, grouped by columns or tags.</summary>
internal static class CostsCommand
{
    private const StringSplitOptions SplitOptions =
        StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var focus = new Option<string[]>("--focus")
        {
            Description = "A FOCUS CSV export (.csv or .csv.gz); repeat for several files.",
            Required = true,
        };
        var groupBy = new Option<string[]>("--group-by")
        {
            Description = "Columns to group by, comma-separated: FOCUS column names or tag:KEY.",
        };
        var by = new Option<string[]>("--by")
        {
            Description = "Same as --group-by: a FOCUS column or tag:KEY (comma-separated for several).",
        };
        var top = new Option<int?>("--top")
        {
            Description = "Show only the N largest groups (totals still count all).",
        };
        var from = new Option<string?>("--from")
        {
            Description = "First charge period start (inclusive), yyyy-MM-dd UTC.",
        };
        var to = new Option<string?>("--to") { Description = "End of the range (exclusive), yyyy-MM-dd UTC." };
        var metric = new Option<CostMetric>("--metric")
        {
            Description = "BilledCost (default) or EffectiveCost.",
            DefaultValueFactory = _ => CostMetric.BilledCost,
        };
        var format = new Option<CostReportFormat>("--format")
        {
            Description = "table (default), json or csv.",
            DefaultValueFactory = _ => CostReportFormat.Table,
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Fail on the first malformed row instead of skipping it.",
        };
        var currency = new Option<string?>("--currency")
        {
            Description = "The currency of files without a BillingCurrency column, for example USD.",
        };

        var command = new Command("costs", "Show spend from FOCUS cost exports.")
        {
            focus, groupBy, by, top, from, to, metric, format, strict, currency,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(focus)!;
            var query = new FocusCostQuery
            {
                GroupBy = [.. SplitColumns(parse.GetValue(groupBy)), .. SplitColumns(parse.GetValue(by))],
                From = ParseBound("--from", parse.GetValue(from)),
                To = ParseBound("--to", parse.GetValue(to)),
            };
            CheckRange(query);
            var limit = CheckTop(parse.GetValue(top));
            var options = new FocusReadOptions
            {
                Strict = parse.GetValue(strict),
                Metric = parse.GetValue(metric),
                DefaultCurrency = ParseCurrency(parse.GetValue(currency)),
            };

            var report = await FocusLedgerReader.QueryAsync(paths, query, options, cancellationToken)
                .ConfigureAwait(false);
            report = limit is { } n ? report with { Groups = [.. report.Groups.Take(n)] } : report;

            await CostReportWriter.WriteAsync(report, parse.GetValue(format), paths.Length > 1, stdout)
                .ConfigureAwait(false);
            await WarnAboutSkippedRowsAsync(report, stderr).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string[] SplitColumns(string[]? values) =>
        [.. (values ?? []).SelectMany(value => value.Split(',', SplitOptions))];

    private static DateTimeOffset? ParseBound(string option, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return FocusTimestamp.TryParse(text, out var bound)
            ? bound
            : throw new FrugalInputException($"{option} '{text}' is not a date (yyyy-MM-dd) or a timestamp");
    }

    private static void CheckRange(FocusCostQuery query)
    {
        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw new FrugalInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--from ({from:yyyy-MM-dd HH:mm}) must come before --to ({to:yyyy-MM-dd HH:mm})"));
        }
    }

    private static int? CheckTop(int? top) =>
        top is <= 0 ? throw new FrugalInputException($"--top {top}: give a number of groups, 1 or more") : top;

    private static CurrencyCode? ParseCurrency(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return CurrencyCode.TryParse(text, out var code)
            ? code
            : throw new FrugalInputException($"--currency '{text}' is not an ISO 4217 currency code");
    }

    private static async Task WarnAboutSkippedRowsAsync(FocusCostReport report, TextWriter stderr)
    {
        if (report.RowsRejected == 0)
        {
            return;
        }

        var first = report.Rejected[0];
        var rows = report.RowsRejected == 1 ? "row" : "rows";
        await stderr.WriteLineAsync(
            $"frugal: warning: skipped {report.RowsRejected} malformed {rows} " +
            $"(first: {first.File}: line {first.Line}: {first.Reason})").ConfigureAwait(false);
    }
}
