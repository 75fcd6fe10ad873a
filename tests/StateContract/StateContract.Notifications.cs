using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Time.Testing;
using static Frugal.Testing.StateContract.CycleFixture;

namespace Frugal.Testing.StateContract;

public abstract partial class StateContract
{
    private static readonly ChannelPolicy Mail = new() { Name = "mail", Kind = ChannelKind.Email };

    [Fact]
    public async Task RunAsync_RoutedThreshold_EachChannelGetsItOnceWithTheMoney()
    {
        var console = new ScriptedChannel();
        var email = new ScriptedChannel(ChannelKind.Email);
        var policy = Policy(dryRun: true, hold: false, Mail)
            .WithRoutes(new NotificationRoute { Events = [NotificationEventKind.ThresholdCrossed] });

        await Cycle((await OpenAsync()).Store, Time, [console, email])
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

        await Cycle((await OpenAsync()).Store, Time, [new ScriptedChannel(), email])
            .RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(0, email.Calls);
    }

    [Fact]
    public async Task RunAsync_DryRunHold_ActionPlannedRoutedToItsChannel()
    {
        var email = new ScriptedChannel(ChannelKind.Email);
        var policy = Policy(dryRun: true, hold: true, Mail).WithRoutes(
            new NotificationRoute { Events = [NotificationEventKind.ActionPlanned], Channels = ["mail"] });

        await Cycle((await OpenAsync()).Store, Time, [new ScriptedChannel(), email])
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
        var store = (await OpenAsync()).Store;
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(new NotificationRoute());

        var (_, report) = await Cycle(store, Time, [console, email])
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
        var store = (await OpenAsync()).Store;
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(new NotificationRoute());

        await Cycle(store, Time, [console, email]).RunAsync(policy, Ledger(), CancellationToken.None);

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
        var store = (await OpenAsync()).Store;
        var policy = Policy(dryRun: true, hold: false, Mail).WithRoutes(new NotificationRoute { Channels = ["mail"] });
        var cycle = Cycle(store, Time, [new ScriptedChannel(), email]);

        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(2));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        var early = email.Calls;
        Time.Advance(TimeSpan.FromMinutes(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(1, early);
        Assert.Equal(2, email.Calls);
    }

    [Fact]
    public async Task RunAsync_RefusedPlanRouted_ToldOnceADay()
    {
        var console = new ScriptedChannel();
        var store = (await OpenAsync()).Store;
        var policy = (Policy(dryRun: true) with { Safety = new SafetyPolicy { MaxActionsPerRun = 0 } })
            .WithRoutes(new NotificationRoute { Events = [NotificationEventKind.SafetyLimit] });
        var cycle = Cycle(store, Time, [console]);

        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(2, console.Calls);
        Assert.All(console.Received, r => Assert.Equal(NotificationEventKind.SafetyLimit, r.Event.Kind));
    }

    [Fact]
    public async Task RunAsync_DigestDue_OncePerChannelPerLocalDay()
    {
        var console = new ScriptedChannel();
        var store = (await OpenAsync()).Store;
        var policy = Policy(dryRun: true) with
        {
            Notifications = new NotificationPolicy
            {
                Routes = [new NotificationRoute { Events = [NotificationEventKind.DailyDigest] }],
                DigestAt = new TimeOnly(8, 0),
                DigestTimeZone = "Europe/Berlin",
            },
        };
        var cycle = Cycle(store, Time, [console]);

        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        var beforeEight = console.Received.Count(r => r.Event.Kind == NotificationEventKind.DailyDigest);
        Time.Advance(TimeSpan.FromHours(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(TimeSpan.FromDays(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.Equal(0, beforeEight);
        var digests = console.Received.Select(r => r.Event)
            .Where(e => e.Kind == NotificationEventKind.DailyDigest)
            .ToList();
        Assert.Equal(["digest|2026-11-16", "digest|2026-11-17"], digests.Select(d => d.Key));
        Assert.Equal("Daily digest 2026-11-16: 1 budget, 1 over budget", digests[0].Headline);
        Assert.Equal(10, digests[0].Digest!.Budgets[0].Daily.Count);
    }
}
