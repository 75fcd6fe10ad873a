using Frugal.Engine.Execution;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Time.Testing;
using static Frugal.Testing.StateContract.CycleFixture;

namespace Frugal.Testing.StateContract;

public abstract partial class StateContract
{
    [Fact]
    public async Task RunAsync_TwiceInOnePeriod_NotifiesOnce()
    {
        var channel = new ScriptedChannel();
        var cycle = Cycle((await OpenAsync()).Store, Time, [channel]);

        await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);
        var (second, _) = await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);

        Assert.Equal(1, channel.Calls);
        Assert.Empty(second.Actions);
    }

    [Fact]
    public async Task RunAsync_ConcurrentRunsOnOneState_NotifyOnce()
    {
        var channel = new ScriptedChannel();
        var cycles = new List<Engine.BudgetCycle>();
        for (var i = 0; i < 6; i++)
        {
            cycles.Add(Cycle((await OpenAsync()).Store, Time, [channel]));
        }

        await Task.WhenAll(cycles.Select(c =>
            Task.Run(() => c.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None))));

        Assert.Equal(1, channel.Calls);
    }

    [Fact]
    public async Task RunAsync_TwoEnginesRacingOnOneCrossing_RecordOnceAndActOnce()
    {
        var channel = new ScriptedChannel();
        var hold = new CountingHandler(ActionKind.HoldTraining);
        var first = Cycle((await OpenAsync()).Store, Time, [channel], hold);
        var second = Cycle((await OpenAsync()).Store, Time, [channel], hold);
        var policy = Policy(dryRun: false, hold: true);

        var runs = await Task.WhenAll(
            Task.Run(() => first.RunAsync(policy, Ledger(), CancellationToken.None)),
            Task.Run(() => second.RunAsync(policy, Ledger(), CancellationToken.None)));

        Assert.Equal(1, hold.Calls);
        Assert.Equal(1, channel.Calls);
        Assert.All(runs, r => Assert.NotNull(r.Item2));
        Assert.All(await ActionsAsync((await OpenAsync()).Store), a => Assert.Equal(1, a.Attempts));
    }

    [Fact]
    public async Task RunAsync_CrashAfterRecordingBeforeSending_NextRunSendsExactlyOnce()
    {
        var store = (await OpenAsync()).Store;
        using var dying = new CancellationTokenSource();
        var crashing = new ScriptedChannel { DieWith = dying };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Cycle(store, Time, [crashing]).RunAsync(Policy(dryRun: true), Ledger(), dying.Token));
        Time.Advance(TimeSpan.FromMinutes(10));
        var channel = new ScriptedChannel();

        await Cycle((await OpenAsync()).Store, Time, [channel]).RunAsync(Policy(dryRun: true), Ledger(),
            CancellationToken.None);

        Assert.Equal(1, channel.Calls);
        var row = Assert.Single(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
        Assert.Equal(NotificationStatus.Delivered, row.Status);
    }

    [Fact]
    public async Task RunAsync_DestructiveInDryRun_SkippedAndNotHandled()
    {
        var hold = new CountingHandler(ActionKind.HoldTraining);
        var store = (await OpenAsync()).Store;

        var (_, report) = await Cycle(store, Time, [new ScriptedChannel()], hold)
            .RunAsync(Policy(dryRun: true, hold: true), Ledger(), CancellationToken.None);

        Assert.Equal(0, hold.Calls);
        var outcome = Assert.Single(report.Outcomes, o => o.Action.Kind == ActionKind.HoldTraining);
        Assert.Equal(ActionStatus.Skipped, outcome.Result.Status);
    }

    [Fact]
    public async Task RunAsync_DryRunTurnedOffMidPeriod_DestructiveRungHappensNotifyNotRepeated()
    {
        var channel = new ScriptedChannel();
        var hold = new CountingHandler(ActionKind.HoldTraining);
        await Cycle((await OpenAsync()).Store, Time, [channel], hold)
            .RunAsync(Policy(dryRun: true, hold: true), Ledger(), CancellationToken.None);

        await Cycle((await OpenAsync()).Store, Time, [channel], hold)
            .RunAsync(Policy(dryRun: false, hold: true), Ledger(), CancellationToken.None);

        Assert.Equal(1, channel.Calls);
        Assert.Equal(1, hold.Calls);
    }

    [Fact]
    public async Task RunAsync_ChannelKeepsFailing_RetriedWithBackoffThenDeadLettered()
    {
        var failing = new ScriptedChannel { Answer = _ => DeliveryResult.Retry("channel down") };
        var store = (await OpenAsync()).Store;
        var cycle = Cycle(store, Time, [failing]);
        var policy = Policy(dryRun: true) with { Notifications = new NotificationPolicy { MaxAttempts = 3 } };

        var (_, first) = await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(NotificationDispatcher.Backoff(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(NotificationDispatcher.Backoff(2));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.True(first.AnyFailed);
        Assert.Equal(3, failing.Calls);
        var row = Assert.Single(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
        Assert.Equal(NotificationStatus.DeadLettered, row.Status);
        Assert.Contains("gave up after 3 attempts", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HandlerKeepsFailing_RetriedWithBackoffThenDeadLettered()
    {
        var failing = new CountingHandler(ActionKind.HoldTraining) { Fail = true };
        var store = (await OpenAsync()).Store;
        var cycle = Cycle(store, Time, [new ScriptedChannel()], failing);
        var policy = Policy(dryRun: false, hold: true);

        var (_, first) = await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(4));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.True(first.AnyFailed);
        Assert.Equal(3, failing.Calls);
        var row = Assert.Single(await ActionsAsync(store));
        Assert.Equal(ActionStatus.DeadLettered, row.Status);
        Assert.Contains("gave up after 3 attempts", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefusedPlan_NothingRecordedButTheRefusal()
    {
        var channel = new ScriptedChannel();
        var store = (await OpenAsync()).Store;
        var policy = Policy(dryRun: true) with { Safety = new SafetyPolicy { MaxActionsPerRun = 0 } };

        var (plan, report) = await Cycle(store, Time, [channel]).RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.True(plan.IsRefused);
        Assert.NotNull(report.Refusal);
        Assert.Equal(0, channel.Calls);
        Assert.Empty(await ActionsAsync(store));
        var audit = Assert.Single(await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None));
        Assert.Equal(AuditKind.Refusal, audit.Kind);
    }

    private sealed class CountingHandler(ActionKind kind) : IActionHandler
    {
        private int _calls;

        public bool Fail { get; init; }

        public int Calls => _calls;

        public ActionKind Kind => kind;

        public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(Fail ? ActionResult.Failed("provider down") : ActionResult.Succeeded("done"));
        }
    }
}
