using Frugal.Engine.Execution;
using Frugal.Engine.Notifications;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Time.Testing;
using static Frugal.State.Sqlite.Tests.CycleFixture;

namespace Frugal.State.Sqlite.Tests;

public sealed class BudgetCycleTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_TwiceInOnePeriod_NotifiesOnce()
    {
        var channel = new ScriptedChannel();
        var cycle = Cycle(SqliteStateStore.Open(_db.Path), _time, [channel]);

        await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);
        var (second, _) = await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);

        Assert.Equal(1, channel.Calls);
        Assert.Empty(second.Actions);
    }

    [Fact]
    public async Task RunAsync_ConcurrentRunsOnOneStateFile_NotifyOnce()
    {
        var channel = new ScriptedChannel();
        var cycles = Enumerable.Range(0, 6).Select(_ => Cycle(SqliteStateStore.Open(_db.Path), _time, [channel]))
            .ToList();

        await Task.WhenAll(cycles.Select(c =>
            Task.Run(() => c.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None))));

        Assert.Equal(1, channel.Calls);
    }

    [Fact]
    public async Task RunAsync_CrashAfterRecordingBeforeSending_NextRunSendsExactlyOnce()
    {
        var store = SqliteStateStore.Open(_db.Path);
        using var dying = new CancellationTokenSource();
        var crashing = new ScriptedChannel { DieWith = dying };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Cycle(store, _time, [crashing]).RunAsync(Policy(dryRun: true), Ledger(), dying.Token));
        _time.Advance(TimeSpan.FromMinutes(10));
        var channel = new ScriptedChannel();

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [channel]).RunAsync(Policy(dryRun: true), Ledger(),
            CancellationToken.None);

        Assert.Equal(1, channel.Calls);
        var row = Assert.Single(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
        Assert.Equal(NotificationStatus.Delivered, row.Status);
    }

    [Fact]
    public async Task RunAsync_DestructiveInDryRun_SkippedAndNotHandled()
    {
        var hold = new CountingHandler(ActionKind.HoldTraining);
        var store = SqliteStateStore.Open(_db.Path);

        var (_, report) = await Cycle(store, _time, [new ScriptedChannel()], hold)
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
        await Cycle(SqliteStateStore.Open(_db.Path), _time, [channel], hold)
            .RunAsync(Policy(dryRun: true, hold: true), Ledger(), CancellationToken.None);

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [channel], hold)
            .RunAsync(Policy(dryRun: false, hold: true), Ledger(), CancellationToken.None);

        Assert.Equal(1, channel.Calls);
        Assert.Equal(1, hold.Calls);
    }

    [Fact]
    public async Task RunAsync_ChannelKeepsFailing_RetriedWithBackoffThenDeadLettered()
    {
        var failing = new ScriptedChannel { Answer = _ => DeliveryResult.Retry("channel down") };
        var store = SqliteStateStore.Open(_db.Path);
        var cycle = Cycle(store, _time, [failing]);
        var policy = Policy(dryRun: true) with { Notifications = new NotificationPolicy { MaxAttempts = 3 } };

        var (_, first) = await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(NotificationDispatcher.Backoff(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(NotificationDispatcher.Backoff(2));
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
        var store = SqliteStateStore.Open(_db.Path);
        var cycle = Cycle(store, _time, [new ScriptedChannel()], failing);
        var policy = Policy(dryRun: false, hold: true);

        var (_, first) = await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4));
        await cycle.RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.True(first.AnyFailed);
        Assert.Equal(3, failing.Calls);
        var row = Assert.Single(await store.ActionsAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.DeadLettered, row.Status);
        Assert.Contains("gave up after 3 attempts", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefusedPlan_NothingRecordedButTheRefusal()
    {
        var channel = new ScriptedChannel();
        var store = SqliteStateStore.Open(_db.Path);
        var policy = Policy(dryRun: true) with { Safety = new SafetyPolicy { MaxActionsPerRun = 0 } };

        var (plan, report) = await Cycle(store, _time, [channel]).RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.True(plan.IsRefused);
        Assert.NotNull(report.Refusal);
        Assert.Equal(0, channel.Calls);
        Assert.Empty(await store.ActionsAsync(CancellationToken.None));
        var audit = Assert.Single(await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None));
        Assert.Equal(AuditKind.Refusal, audit.Kind);
    }

    public void Dispose() => _db.Dispose();

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
