using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Frugal.Engine.Notifications;
using Frugal.Notifications.Charts;
using MimeKit;

namespace Frugal.Notifications.Email;

/// <summary>
/// Builds the email for a notification: a subject such as <c>[Frugal] ml-platform at 92% of USD 40,000</c>, a plain
/// text part and an HTML part (multipart/alternative); a digest's HTML shows each budget's burn-down chart as an
/// inline PNG (multipart/related). The Message-Id comes from the idempotency key, so a message resent after a
/// crash carries the same id and a receiver can drop the copy.
/// </summary>
internal static class EmailComposer
{
    public static MimeMessage Compose(
        NotificationEvent notification, string idempotencyKey, string from, IEnumerable<string> to, string? link)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.AddRange(to.Select(MailboxAddress.Parse));
        message.Subject = $"[Frugal] {notification.Headline}";
        message.Date = notification.At;
        message.MessageId = MessageId(idempotencyKey);
        message.Headers.Add("X-Frugal-Severity", notification.Severity.ToString().ToLowerInvariant());

        var body = new BodyBuilder { TextBody = NotificationText.Render(notification, link) };
        body.HtmlBody = Html(notification, link, ChartIds(notification, body));
        message.Body = body.ToMessageBody();
        return message;
    }

    public static string MessageId(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@frugal";

    private static Dictionary<string, string> ChartIds(NotificationEvent notification, BodyBuilder body)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var budget in notification.Digest?.Budgets ?? [])
        {
            var chart = body.LinkedResources.Add(
                $"burn-down-{ids.Count + 1}.png", BurnDownChart.RenderPng(budget), new ContentType("image", "png"));
            chart.ContentId = MimeKit.Utils.MimeUtils.GenerateMessageId("frugal");
            ids[budget.Name] = chart.ContentId;
        }

        return ids;
    }

    private static string Html(NotificationEvent notification, string? link, Dictionary<string, string> charts)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;color:#222\">");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Text(notification.Headline)}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Text(notification.Summary)}</p>");
        if (notification.Budget is { } budget)
        {
            html.Append(BudgetTable([budget]));
        }

        if (notification.Digest is { } digest)
        {
            AppendDigest(html, digest, charts);
        }

        AppendList(html, "What Frugal did or will do", notification.Steps);
        if (link is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Text(link)}\">Open in your dashboard</a></p>");
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<p style=\"color:#888;font-size:small\">Frugal · {Text(Severity(notification))} · " +
            $"{notification.At:yyyy-MM-dd HH:mm} UTC</p></body></html>");
        return html.ToString();
    }

    private static void AppendDigest(StringBuilder html, DigestFacts digest, Dictionary<string, string> charts)
    {
        html.Append(BudgetTable(digest.Budgets));
        foreach (var budget in digest.Budgets)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p><img src=\"cid:{charts[budget.Name]}\" alt=\"Burn-down of {Text(budget.Name)}\" " +
                $"width=\"{BurnDownChart.Width}\" height=\"{BurnDownChart.Height}\"></p>");
        }

        AppendList(html, "Actions today", digest.Actions.Count == 0 ? ["none"] : digest.Actions);
        html.Append(CultureInfo.InvariantCulture, $"<p><b>Money saved:</b> {Text(digest.Savings)}</p>");
        if (digest.Recommendations.Count > 0)
        {
            AppendList(html, "Top recommendations (none acts by itself)", digest.Recommendations);
        }
    }

    private static string BudgetTable(IEnumerable<BudgetFacts> budgets)
    {
        var table = new StringBuilder("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
        table.Append("<tr><th align=\"left\">Budget</th><th align=\"left\">Period</th><th align=\"right\">Spend</th>" +
                     "<th align=\"right\">Forecast</th><th align=\"left\">Thresholds</th></tr>");
        foreach (var b in budgets)
        {
            var reached = b.Threshold ?? (b.Reached.Count == 0 ? "none reached" : string.Join(", ", b.Reached));
            table.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Text(b.Name)}</td><td>{Text(b.Period)}</td>" +
                $"<td align=\"right\">{Text(NotificationText.SpendLine(b))}</td>" +
                $"<td align=\"right\">{Text(NotificationText.ForecastLine(b))}</td><td>{Text(reached)}</td></tr>");
        }

        return table.Append("</table>").ToString();
    }

    private static void AppendList(StringBuilder html, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><b>{Text(title)}</b></p><ul>");
        foreach (var item in items)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Text(item)}</li>");
        }

        html.Append("</ul>");
    }

    private static string Severity(NotificationEvent notification) =>
        notification.Severity.ToString().ToLowerInvariant();

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}
