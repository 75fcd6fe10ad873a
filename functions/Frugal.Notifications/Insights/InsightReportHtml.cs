using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Frugal.Engine.Insights;
using Frugal.Engine.Notifications;

namespace Frugal.Notifications.Insights;

/// <summary>
/// Renders an <see cref="InsightReport"/> as one self-contained HTML page: tables, SVG charts inline, no script and
/// nothing fetched from elsewhere. The same report always gives the same bytes.
/// </summary>
public static partial class InsightReportHtml
{
    public static string Render(InsightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Frugal cost report</title>")
            .Append("<style>body{font-family:sans-serif;max-width:60em;margin:auto}td,th{padding:2px 8px}")
            .Append(".n{text-align:right}pre{background:#f4f4f4;padding:8px}small{color:#666}</style></head><body>");
        AppendSummary(html, report);
        html.Append(InsightCharts.Daily(report));
        AppendRecommendations(html, report);
        foreach (var breakdown in report.Breakdowns)
        {
            AppendBreakdown(html, breakdown, report.Currency.Code);
        }

        AppendMovers(html, report);
        AppendUntagged(html, report.Untagged);
        AppendInference(html, report.Inference);
        foreach (var note in report.Notes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><small>Note: {Text(note)}</small></p>");
        }

        return StableIds(html.Append("</body></html>\n").ToString());
    }

    // ScottPlot numbers its SVG clip paths from a process-wide counter; numbering them by first appearance in the
    // page keeps them unique and makes the same report give the same bytes.
    private static string StableIds(string page)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipPathId().Replace(page, match =>
        {
            if (!ids.TryGetValue(match.Value, out var stable))
            {
                stable = string.Create(CultureInfo.InvariantCulture, $"frugal_clip_{ids.Count}");
                ids.Add(match.Value, stable);
            }

            return stable;
        });
    }

    [GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial Regex ClipPathId();

    private static void AppendSummary(StringBuilder html, InsightReport report)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h1>Where the money goes</h1><p>{Text(report.Period.ToString())}" +
            $" ({Text(report.Metric.ToString())}): <b>{Money(report.Total)}</b>, " +
            $"against {Money(report.PreviousTotal)}" +
            $" the {Text(report.Period.Previous.ToString())}.</p>");
        if (report.OtherCurrencies.Count > 0)
        {
            var others = string.Join(", ", report.OtherCurrencies.Select(Money));
            html.Append(CultureInfo.InvariantCulture,
                $"<p><small>Spend in other currencies, not in the figures below: {others}.</small></p>");
        }
    }

    private static void AppendRecommendations(StringBuilder html, InsightReport report)
    {
        html.Append("<h2>Recommendations</h2>");
        if (report.Recommendations.Count == 0)
        {
            html.Append("<p>None: no rule found evidence to stand on.</p>");
        }

        foreach (var r in report.Recommendations)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<h3>{Text(r.Title)}: {Text(r.MonthlySavingText)}</h3><ul>");
            foreach (var line in r.Evidence)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Text(line)}</li>");
            }

            html.Append(CultureInfo.InvariantCulture,
                $"</ul><p><small>How computed: {Text(r.HowComputed)}</small></p><p>{Text(r.Adopt)}</p>");
            if (r.PolicySnippet is { } snippet)
            {
                html.Append(CultureInfo.InvariantCulture, $"<pre>{Text(snippet)}</pre>");
            }
        }
    }

    private static void AppendBreakdown(StringBuilder html, SpendBreakdown breakdown, string currency)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Spend by {Text(breakdown.By)}</h2>");
        html.Append(InsightCharts.Bars(breakdown, currency));
        AppendShares(html, breakdown.Top);
        html.Append(CultureInfo.InvariantCulture, $"<p><small>{Count(breakdown.Distinct)} in all; " +
            $"{Text(breakdown.HowComputed)}.</small></p>");
    }

    private static void AppendShares(StringBuilder html, IEnumerable<SpendShare> shares)
    {
        html.Append("<table><tr><th align=\"left\">Key</th><th class=\"n\">Cost</th><th class=\"n\">Share</th></tr>");
        foreach (var share in shares)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Text(share.Key)}</td>" +
                $"<td class=\"n\">{Money(share.Cost)}</td>" +
                $"<td class=\"n\">{NotificationText.Percent(share.Share)}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendMovers(StringBuilder html, InsightReport report)
    {
        html.Append("<h2>Biggest movers against the previous period</h2><table><tr><th align=\"left\">Service in " +
            "project</th><th class=\"n\">Before</th><th class=\"n\">Now</th><th class=\"n\">Change</th></tr>");
        foreach (var m in report.Movers)
        {
            var relative = m.Relative is { } r ? NotificationText.Percent(r) : "new";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Text(m.Key)}</td><td class=\"n\">{Money(m.Previous)}" +
                $"</td><td class=\"n\">{Money(m.Current)}</td>" +
                $"<td class=\"n\">{Money(m.Change)} ({relative})</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendUntagged(StringBuilder html, UntaggedSpend untagged)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Untagged spend</h2><p>Rows without a " +
            $"'{Text(untagged.Tag)}' tag: {Money(untagged.Cost)} ({NotificationText.Percent(untagged.Share)}) in " +
            $"charges; credits and refunds without the tag ({Money(untagged.Credits)}) are not counted.</p>");
        AppendShares(html, untagged.Top);
    }

    private static void AppendInference(StringBuilder html, InferenceCosts inference)
    {
        html.Append("<h2>Cost per 1,000 predictions</h2>");
        if (!inference.Reported)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Text(inference.Note)}.</p>");
            return;
        }

        html.Append("<table><tr><th align=\"left\">Model</th><th align=\"left\">Version</th>" +
            "<th class=\"n\">Predictions</th><th class=\"n\">Cost</th><th class=\"n\">Per 1,000</th></tr>");
        foreach (var m in inference.Models)
        {
            var per = m.PerThousand is { } p ? NotificationText.Money(p.Amount, p.Currency.Code) : "-";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Text(m.Model)}</td><td>{Text(m.Version)}</td>" +
                $"<td class=\"n\">{Count(m.Predictions)}</td><td class=\"n\">{Money(m.Cost)}</td>" +
                $"<td class=\"n\">{Text(per)}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</table><p><small>{Text(inference.Note)}.</small></p>");
    }

    private static string Money(Engine.Money.Money money) =>
        Text(NotificationText.Money(money.Amount, money.Currency.Code));

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
