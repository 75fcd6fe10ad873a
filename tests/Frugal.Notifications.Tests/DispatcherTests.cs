using System.Text.Json;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.Notifications.Email;
using Frugal.Notifications.Slack;
using Frugal.Notifications.Tests.Support;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.Notifications.Tests;

/// <summary>The dispatcher with the real senders, a real state file, a local Slack and a local SMTP server.</summary>
public sealed class DispatcherTests : IDisposable
{
    private const string WrongPassword = "s3cret-but-not-what-the-server-wants";
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-dispatch-").FullName;
    private readonly FakeSlack _slack = new();
    private readonly HttpClient _http = new();

    [Fact]
    public async Task DispatchAsync_RateLimitedWithRetryAfter_WaitsThenDeliversInTheSameRun()
    {
        _slack.Answer = call => call == 1
            ? new SlackAnswer(429, "rate_limited") { Headers = [("Retry-After", "1")] }
            : SlackAnswer.Ok;
        var store = SqliteStateStore.Open(Path.Combine(_folder, "state.db"));
        await Record(store, "ml-slack");

        var outcomes = await Dispatcher(store, NullLogger<NotificationDispatcher>.Instance, [SlackSender()])
            .DispatchAsync(Policy(), CancellationToken.None);

        Assert.Equal([NotificationStatus.Pending, NotificationStatus.Delivered], outcomes.Select(o => o.Status));
        var requests = _slack.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9),
            $"the retry came {(requests[1].At - requests[0].At).TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task DispatchAsync_EveryKindOfFailure_NoSecretInLogsHistoryOrOutcomes()
    {
        _slack.Answer = call => call == 1
            ? new SlackAnswer(500, "rollup_error")
            : new SlackAnswer(404, "channel_not_found");
        using var smtp = new FakeSmtp("starttls", login: true);
        var store = SqliteStateStore.Open(Path.Combine(_folder, "state.db"));
        var logger = new ListLogger<NotificationDispatcher>();
        var policy = Policy(Samples.Email(smtp.Port, "starttls", login: true), ClosedSlack());
        await Record(store, "ml-slack", "finops-mail", "closed-slack");
        var dispatcher = Dispatcher(store, logger, [SlackSender(), EmailSender()]);

        var outcomes = await dispatcher.DispatchAsync(policy, CancellationToken.None);

        var audit = await store.ReadAuditAsync(new AuditQuery(Limit: 500), CancellationToken.None);
        var rows = await store.ReadNotificationsAsync(new NotificationQuery(Limit: 500), CancellationToken.None);
        var everything = string.Join('\n', logger.Lines) + JsonSerializer.Serialize(audit) +
                         JsonSerializer.Serialize(rows) + JsonSerializer.Serialize(outcomes);
        Assert.Contains(rows, r => r.Envelope.Channel == "ml-slack" && r.Status == NotificationStatus.DeadLettered);
        Assert.Contains(rows, r => r.Envelope.Channel == "finops-mail" && r.Status == NotificationStatus.DeadLettered);
        Assert.Contains("refused the login", everything, StringComparison.Ordinal);
        Assert.Contains("channel_not_found", everything, StringComparison.Ordinal);
        Assert.Contains("connection was refused", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("XoXoSeCrEtWeBhOoK42", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, everything, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _slack.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private DictionarySecrets Secrets() => new(new()
    {
        ["FRUGAL_TEST_SLACK_URL"] = _slack.Url,
        ["FRUGAL_CLOSED_SLACK_URL"] = $"http://127.0.0.1:{FreePort.Next()}{FakeSlack.SecretPath}",
        ["FRUGAL_TEST_SMTP_PASSWORD"] = WrongPassword,
    });

    private SlackWebhookChannel SlackSender() => new(_http, Secrets(), new SlackOptions(), TimeProvider.System);

    private SmtpEmailChannel EmailSender() => new(Secrets(), new SmtpOptions
    {
        ServerCertificateValidation = TestCertificate.TrustOnlyThis,
    });

    private static ChannelPolicy ClosedSlack() => Samples.Slack("env:FRUGAL_CLOSED_SLACK_URL") with
    {
        Name = "closed-slack",
    };

    private static FrugalPolicy Policy(params ChannelPolicy[] more) => new()
    {
        Budgets = [],
        Channels = [Samples.Slack(), .. more],
        Notifications = new NotificationPolicy { MaxAttempts = 2 },
    };

    private static NotificationDispatcher Dispatcher(
        SqliteStateStore store, Microsoft.Extensions.Logging.ILogger<NotificationDispatcher> logger,
        INotificationChannel[] senders) =>
        new(store, senders, TimeProvider.System, logger) { MaxInlineWait = TimeSpan.FromSeconds(6) };

    private static Task Record(SqliteStateStore store, params string[] channels) =>
        store.RecordEventAsync(
            new AuditEntry(Samples.Now, AuditKind.Crossing, "crossing"),
            [.. channels.Select(c => new NotificationEnvelope(c, Samples.Threshold()))], CancellationToken.None);
}
