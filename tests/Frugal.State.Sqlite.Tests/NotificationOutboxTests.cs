using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Frugal.State.Sqlite.Tests.CycleFixture;

namespace Frugal.State.Sqlite.Tests;

public sealed class NotificationOutboxTests : IDisposable
{
    private static readonly ChannelPolicy Mail = new() { Name = "mail", Kind = ChannelKind.Email };
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_RoutedThreshold_EachChannelGetsItOnceWithTheMoney()
    {
        var console = new ScriptedChannel();
        var email = new ScriptedChannel(ChannelKind.Email);
        var policy = Policy(dryRun: true, hold: false, Mail)
            .WithRoutes(new NotificationRoute { Events = [NotificationEventKind.ThresholdCrossed] });

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [console, email])
            .RunAsync(policy, Ledger(), CancellationToken.None);

        var told = Assert.Single(email.Received).Event;
        Assert.Equal(1, console.Calls);
        Assert.Equal("ml-platform at 100% of USD 100", told.Headline);
        Assert.Equal(NotificationEventKind.ThresholdCrossed, told.Kind);
        Assert.Equal(100m, told.Budget!.Spend);
    }

    [Fact]
    public async Task RunAsync_BelowMinimumSeverity_NotRouted()
    {
        var email = new ScriptedChannel(ChannelKind.Email);
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(
            new NotificationRoute { Channels = ["mail"], MinSeverity = NotificationSeverity.Critical });

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [new ScriptedChannel(), email])
            .RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(0, email.Calls);
    }

    [Fact]
    public async Task RunAsync_DryRunHold_ActionPlannedRoutedToItsChannel()
    {
        var email = new ScriptedChannel(ChannelKind.Email);
        var policy = Policy(dryRun: true, hold: true, Mail).WithRoutes(
            new NotificationRoute { Events = [NotificationEventKind.ActionPlanned], Channels = ["mail"] });

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [new ScriptedChannel(), email])
            .RunAsync(policy, Ledger(), CancellationToken.None);

        var told = Assert.Single(email.Received).Event;
        Assert.Equal(NotificationEventKind.ActionPlanned, told.Kind);
        Assert.Equal("ml-platform: hold training charged to ml-platform (planned in dry-run, not carried out)",
            told.Headline);
    }

    [Fact]
    public async Task RunAsync_OneChannelFailing_OthersStillDelivered()
    {
        var email = new ScriptedChannel(ChannelKind.Email) { Answer = _ => DeliveryResult.Retry("503") };
        var console = new ScriptedChannel();
        var store = SqliteStateStore.Open(_db.Path);
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(new NotificationRoute());

        var (_, report) = await Cycle(store, _time, [console, email])
            .RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(1, console.Calls);
        Assert.Contains(report.Deliveries,
            d => d.Envelope.Channel == "ops" && d.Status == NotificationStatus.Delivered);
        Assert.Contains(report.Deliveries, d => d.Envelope.Channel == "mail" && d.Status == NotificationStatus.Pending);
    }

    [Fact]
    public async Task RunAsync_ChannelRejectsAsGone_DeadLetteredAtOnceAndToldToTheOthers()
    {
        var email = new ScriptedChannel(ChannelKind.Email)
        {
            Answer = _ => DeliveryResult.Rejected("Slack answered 404 channel_not_found", channelGone: true),
        };
        var console = new ScriptedChannel();
        var store = SqliteStateStore.Open(_db.Path);
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(new NotificationRoute());

        await Cycle(store, _time, [console, email]).RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(1, email.Calls);
        var dead = Assert.Single(await store.ReadNotificationsAsync(
            new NotificationQuery(Status: NotificationStatus.DeadLettered), CancellationToken.None));
        Assert.Equal("mail", dead.Envelope.Channel);
        Assert.StartsWith("rejected, not retried: Slack answered 404 channel_not_found", dead.Detail,
            StringComparison.Ordinal);
        Assert.Contains(console.Received, r => r.Event.Kind == NotificationEventKind.ChannelGone);
    }

    [Fact]
    public async Task RunAsync_RetryAfter_NotTriedBeforeItEnds()
    {
        var calls = 0;
        var email = new ScriptedChannel(ChannelKind.Email)
        {
            Answer = _ => ++calls == 1
                ? DeliveryResult.Retry("429", TimeSpan.FromMinutes(3))
                : DeliveryResult.Delivered("ok"),
        };
        var store = SqliteStateStore.Open(_db.Path);
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(new NotificationRoute { Channels = ["mail"] });
        var cycle = Cycle(store, _time, [new ScriptedChannel(), email]);

        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        var early = email.Calls;
        _time.Advance(TimeSpan.FromMinutes(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(1, early);
        Assert.Equal(2, email.Calls);
    }

    [Fact]
    public async Task RunAsync_RefusedPlanRouted_ToldOnceADay()
    {
        var console = new ScriptedChannel();
        var store = SqliteStateStore.Open(_db.Path);
        var policy = (Policy(dryRun: true) with { Safety = new SafetyPolicy { MaxActionsPerRun = 0 } })
            .WithRoutes(new NotificationRoute { Events = [NotificationEventKind.SafetyLimit] });
        var cycle = Cycle(store, _time, [console]);

        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(2, console.Calls);
        Assert.All(console.Received, r => Assert.Equal(NotificationEventKind.SafetyLimit, r.Event.Kind));
    }

    [Fact]
    public async Task RunAsync_DigestDue_OncePerChannelPerLocalDay()
    {
        var console = new ScriptedChannel();
        var store = SqliteStateStore.Open(_db.Path);
        var policy = Policy(dryRun: true) with
        {
            Notifications = new NotificationPolicy
            {
                Routes = [new NotificationRoute { Events = [NotificationEventKind.DailyDigest] }],
                DigestAt = new TimeOnly(8, 0),
                DigestTimeZone = "Europe/Berlin",
            },
        };
        var cycle = Cycle(store, _time, [console]);

        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        var beforeEight = console.Received.Count(r => r.Event.Kind == NotificationEventKind.DailyDigest);
        _time.Advance(TimeSpan.FromHours(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(0, beforeEight);
        var digests = console.Received.Select(r => r.Event)
            .Where(e => e.Kind == NotificationEventKind.DailyDigest)
            .ToList();
        Assert.Equal(["digest|2026-11-16", "digest|2026-11-17"], digests.Select(d => d.Key));
        Assert.Equal("Daily digest 2026-11-16: 1 budget, 1 over budget", digests[0].Headline);
        Assert.Equal(10, digests[0].Digest!.Budgets[0].Daily.Count);
    }

    [Fact]
    public async Task Open_SchemaOneWithPendingNotify_UpgradesAndSettlesTheOldNotify()
    {
        using (var connection = new SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SchemaOne + """
                INSERT INTO actions (key, crossing_key, budget, kind, payload, status, created_at)
                VALUES ('k', 'c', 'ml', 'Notify', '{}', 'Pending', '2026-11-01T00:00:00.0000000Z');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        var store = SqliteStateStore.Open(_db.Path);

        Assert.Equal(SqliteMigrations.Latest, store.SchemaVersion);
        var row = Assert.Single(await store.ActionsAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.Skipped, row.Status);
        Assert.Empty(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
    }

    public void Dispose() => _db.Dispose();

    private const string SchemaOne = """
        CREATE TABLE crossings (key TEXT PRIMARY KEY, budget TEXT NOT NULL, period TEXT NOT NULL,
            threshold TEXT NOT NULL, spend TEXT NOT NULL, level TEXT NOT NULL, currency TEXT NOT NULL,
            at TEXT NOT NULL);
        CREATE TABLE actions (key TEXT PRIMARY KEY, crossing_key TEXT NOT NULL, budget TEXT NOT NULL,
            kind TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT, lease_until TEXT, detail TEXT, created_at TEXT NOT NULL, completed_at TEXT);
        CREATE INDEX actions_pending ON actions (status, lease_until);
        CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL,
            budget TEXT, key TEXT, outcome TEXT, summary TEXT NOT NULL);
        CREATE INDEX audit_budget ON audit (budget, id);
        """;
}
