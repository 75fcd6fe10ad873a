using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Frugal.Engine.Notifications;

namespace Frugal.Notifications.Slack;

/// <summary>
/// Renders a notification as a Slack Block Kit message: a header, the summary, the money as fields, what Frugal
/// did or will do, a link when the channel has one, and plain fallback text for notifications and old clients.
/// </summary>
internal static class SlackMessage
{
    // Slack's limits: 50 blocks a message, 150 characters a header, 3000 a section, 10 fields of 2000.
    private const int MaxDigestBudgets = 40;
    private const int MaxHeader = 150;
    private const int MaxSection = 3000;

    public static JsonObject Build(NotificationEvent notification, string? link)
    {
        var blocks = new JsonArray
        {
            Header(notification.Headline),
            Section(Escape(notification.Summary)),
        };
        if (notification.Budget is { } budget)
        {
            blocks.Add(BudgetFields(budget));
        }

        if (notification.Digest is { } digest)
        {
            AddDigest(blocks, digest);
        }

        if (notification.Steps.Count > 0)
        {
            blocks.Add(Section("*What Frugal did or will do*\n" +
                string.Join('\n', notification.Steps.Select(s => "• " + Escape(s)))));
        }

        if (link is not null)
        {
            blocks.Add(Section($"<{link}|Open in your dashboard>"));
        }

        blocks.Add(Context(notification));
        return new JsonObject { ["text"] = NotificationText.Render(notification, link), ["blocks"] = blocks };
    }

    private static JsonObject BudgetFields(BudgetFacts budget)
    {
        var fields = new JsonArray
        {
            Field("Budget", $"{budget.Name} ({budget.Period})"),
            Field("Spend", NotificationText.SpendLine(budget)),
            Field("Forecast", NotificationText.ForecastLine(budget)),
        };
        if (budget.Threshold is { } threshold)
        {
            fields.Add(Field("Threshold", threshold));
        }

        return new JsonObject { ["type"] = "section", ["fields"] = fields };
    }

    private static void AddDigest(JsonArray blocks, DigestFacts digest)
    {
        foreach (var budget in digest.Budgets.Take(MaxDigestBudgets))
        {
            blocks.Add(BudgetFields(budget with { Threshold = budget.Reached.Count == 0
                ? "none reached"
                : string.Join(", ", budget.Reached) }));
        }

        if (digest.Budgets.Count > MaxDigestBudgets)
        {
            blocks.Add(Section(string.Create(CultureInfo.InvariantCulture,
                $"…and {digest.Budgets.Count - MaxDigestBudgets} more budgets: see 'frugal plan'.")));
        }

        var actions = digest.Actions.Count == 0
            ? "none"
            : string.Join('\n', digest.Actions.Select(a => "• " + Escape(a)));
        blocks.Add(Section($"*Actions today*\n{actions}"));
        blocks.Add(Section($"*Money saved*\n{Escape(digest.Savings)}"));
        if (digest.Recommendations.Count > 0)
        {
            var top = string.Join('\n', digest.Recommendations.Select(r => "• " + Escape(r)));
            blocks.Add(Section($"*Top recommendations*\n{top}"));
        }
    }

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(text, MaxHeader) },
    };

    private static JsonObject Section(string markdown) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(markdown, MaxSection) },
    };

    private static JsonObject Field(string label, string value) =>
        new() { ["type"] = "mrkdwn", ["text"] = $"*{label}*\n{Escape(value)}" };

    private static JsonObject Context(NotificationEvent notification) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "mrkdwn",
                ["text"] = string.Create(CultureInfo.InvariantCulture,
                    $"Frugal · {notification.Severity.ToString().ToLowerInvariant()} · " +
                    $"{notification.At:yyyy-MM-dd HH:mm} UTC"),
            },
        },
    };

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as markup; budget names and reasons are text.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
