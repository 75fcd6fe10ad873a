using System.Globalization;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.Notifications.CrashHost;
using Frugal.Notifications.Slack;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

// Usage: CrashHost STATE_FILE NOW [--block]
// Records one threshold notification for channel ml-slack (a no-op when it is already recorded), then dispatches
// what the outbox holds through the real Slack sender, whose webhook URL comes from FRUGAL_CRASH_SLACK_URL. With
// --block the send never starts: the process prints "sending" and waits to be killed, as a crash mid-send.
var store = SqliteStateStore.Open(args[0]);
var time = new FakeTimeProvider(DateTimeOffset.Parse(args[1], CultureInfo.InvariantCulture));
var policy = new FrugalPolicy
{
    Budgets = [],
    Channels =
    [
        new ChannelPolicy
        {
            Name = "ml-slack",
            Kind = ChannelKind.Slack,
            Settings = new Dictionary<string, string> { ["webhookUrl"] = "env:FRUGAL_CRASH_SLACK_URL" },
        },
    ],
};

var told = new NotificationEvent
{
    Key = "ml-platform|2026-11|actual@0.9|Notify",
    Kind = NotificationEventKind.ThresholdCrossed,
    Severity = NotificationSeverity.Warning,
    At = time.GetUtcNow(),
    Headline = "ml-platform at 92% of USD 40,000",
    Summary = "Spend to date reached the 90% threshold.",
};
await store.RecordEventAsync(
    new AuditEntry(time.GetUtcNow(), AuditKind.Crossing, "crash test crossing"),
    [new NotificationEnvelope("ml-slack", told)], CancellationToken.None);

using var http = new HttpClient();
INotificationChannel slack = new SlackWebhookChannel(
    http, EnvironmentSecretResolver.Instance, new SlackOptions(), TimeProvider.System);
if (args.Contains("--block"))
{
    slack = new BlockingChannel(slack);
}

var dispatcher = new NotificationDispatcher(store, [slack], time, NullLogger<NotificationDispatcher>.Instance)
{
    MaxInlineWait = TimeSpan.Zero,
};
var outcomes = await dispatcher.DispatchAsync(policy, CancellationToken.None);
foreach (var outcome in outcomes)
{
    Console.WriteLine($"{outcome.Envelope.Key}: {outcome.Status} ({outcome.Detail})");
}

return 0;
