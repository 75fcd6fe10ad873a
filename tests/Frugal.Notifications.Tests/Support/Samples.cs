using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;

namespace Frugal.Notifications.Tests.Support;

/// <summary>Notifications and channels as the engine would hand them to a sender.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 7, 0, 0, TimeSpan.Zero);

    public static BudgetFacts Budget(string name = "ml-platform", decimal spend = 36_800m) => new()
    {
        Name = name,
        Period = "2026-11",
        Currency = "USD",
        Amount = 40_000m,
        Spend = spend,
        Forecast = 41_250.5m,
        Threshold = "actual@0.9",
        FirstDay = new DateOnly(2026, 11, 1),
        LastDay = new DateOnly(2026, 11, 30),
        Daily = [.. Enumerable.Range(0, 19).Select(_ => spend / 19m)],
        Reached = ["actual@0.5", "actual@0.9"],
    };

    public static NotificationEvent Threshold() => new()
    {
        Key = "ml-platform|2026-11|actual@0.9|Notify",
        Kind = NotificationEventKind.ThresholdCrossed,
        Severity = NotificationSeverity.Warning,
        At = Now,
        Headline = "ml-platform at 92% of USD 40,000",
        Summary = "Spend to date (USD 36,800) reached the 90% threshold (USD 36,000) of budget ml-platform.",
        Budget = Budget(),
        Steps = ["[dry-run] would hold training charged to ml-platform: <ml-platform> spend & more"],
    };

    public static NotificationEvent Digest() => NotificationEvents.Digest(new DigestFacts
    {
        Day = new DateOnly(2026, 11, 20),
        TimeZone = "Europe/Berlin",
        Budgets = [Budget(), Budget("gpu-training", 12_000m) with { Threshold = null }],
        Actions = ["gpu-training: hold training charged to gpu-training (succeeded)"],
        Savings = "not known yet: no action carried out today came with an estimate of what it saves",
        Recommendations = ["Run training work in ml-training-prod on Spot: about USD 329,883 a month"],
    }, Now);

    public static ChannelPolicy Slack(string reference = "env:FRUGAL_TEST_SLACK_URL", string? link = null)
    {
        var settings = new Dictionary<string, string> { ["webhookUrl"] = reference };
        if (link is not null)
        {
            settings["link"] = link;
        }

        return new ChannelPolicy { Name = "ml-slack", Kind = ChannelKind.Slack, Settings = settings };
    }

    public static ChannelPolicy Email(
        int port, string tls = "none", bool login = false, string to = "finops@example.com")
    {
        var settings = new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1",
            ["port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tls"] = tls,
            ["from"] = "frugal@example.com",
            ["to"] = to,
        };
        if (login)
        {
            settings["user"] = FakeSmtp.User;
            settings["password"] = "env:FRUGAL_TEST_SMTP_PASSWORD";
        }

        return new ChannelPolicy { Name = "finops-mail", Kind = ChannelKind.Email, Settings = settings };
    }
}

/// <summary>Secrets from a dictionary, as app settings would hold them.</summary>
internal sealed class DictionarySecrets(Dictionary<string, string> values) : ISecretResolver
{
    public string? Lookup(string name) => values.TryGetValue(name, out var value) ? value : null;
}
