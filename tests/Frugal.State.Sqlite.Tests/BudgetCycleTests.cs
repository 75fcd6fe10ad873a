using Frugal.Engine;
using Frugal.Engine.Execution;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.State.Sqlite.Tests;

public sealed class BudgetCycleTests : IDisposable
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_TwiceInOnePeriod_NotifiesOnce()
    {
        var notifier = new CountingHandler(ActionKind.Notify);
        var cycle = Cycle(SqliteStateStore.Open(_db.Path), notifier);

        await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);
        var (second, _) = await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);

        Assert.Equal(1, notifier.Calls);
        Assert.Empty(second.Actions);
    }

    [Fact]
    public async Task RunAsync_ConcurrentRunsOnOneStateFile_NotifyOnce()
    {
        var notifier = new CountingHandler(ActionKind.Notify);
        var cycles = Enumerable.Range(0, 6).Select(_ => Cycle(SqliteStateStore.Open(_db.Path), notifier)).ToList();

        await Task.WhenAll(cycles.Select(c =>
            Task.Run(() => c.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None))));

        Assert.Equal(1, notifier.Calls);
    }

    [Fact]
    public async Task RunAsync_CrashAfterRecordingBeforeSending_NextRunSendsExactlyOnce()
    {
        var store = SqliteStateStore.Open(_db.Path);
        using var dying = new CancellationTokenSource();
        var crashing = new CountingHandler(ActionKind.Notify) { DieWith = dying };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Cycle(store, crashing).RunAsync(Policy(dryRun: true), Ledger(), dying.Token));
        _time.Advance(TimeSpan.FromMinutes(10));
        var notifier = new CountingHandler(ActionKind.Notify);

        await Cycle(SqliteStateStore.Open(_db.Path), notifier).RunAsync(Policy(dryRun: true), Ledger(),
            CancellationToken.None);

        Assert.Equal(1, notifier.Calls);
        var row = Assert.Single(await store.ActionsAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.Succeeded, row.Status);
    }

    [Fact]
    public async Task RunAsync_DestructiveInDryRun_SkippedAndNotHandled()
    {
        var hold = new CountingHandler(ActionKind.HoldTraining);
        var store = SqliteStateStore.Open(_db.Path);

        var (_, report) = await Cycle(store, hold).RunAsync(Policy(dryRun: true, hold: true), Ledger(),
            CancellationToken.None);

        Assert.Equal(0, hold.Calls);
        var outcome = Assert.Single(report.Outcomes, o => o.Action.Kind == ActionKind.HoldTraining);
        Assert.Equal(ActionStatus.Skipped, outcome.Result.Status);
    }

    [Fact]
    public async Task RunAsync_DryRunTurnedOffMidPeriod_DestructiveRungHappensNotifyNotRepeated()
    {
        var notifier = new CountingHandler(ActionKind.Notify);
        var hold = new CountingHandler(ActionKind.HoldTraining);
        await Cycle(SqliteStateStore.Open(_db.Path), notifier, hold)
            .RunAsync(Policy(dryRun: true, hold: true), Ledger(), CancellationToken.None);

        await Cycle(SqliteStateStore.Open(_db.Path), notifier, hold)
            .RunAsync(Policy(dryRun: false, hold: true), Ledger(), CancellationToken.None);

        Assert.Equal(1, notifier.Calls);
        Assert.Equal(1, hold.Calls);
    }

    [Fact]
    public async Task RunAsync_HandlerKeepsFailing_RetriedWithBackoffThenDeadLettered()
    {
        var failing = new CountingHandler(ActionKind.Notify) { Fail = true };
        var store = SqliteStateStore.Open(_db.Path);
        var cycle = Cycle(store, failing);

        var (_, first) = await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);
        await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(4));
        await cycle.RunAsync(Policy(dryRun: true), Ledger(), CancellationToken.None);

        Assert.True(first.AnyFailed);
        Assert.Equal(3, failing.Calls);
        var row = Assert.Single(await store.ActionsAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.DeadLettered, row.Status);
        Assert.Contains("gave up after 3 attempts", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RefusedPlan_NothingRecordedButTheRefusal()
    {
        var notifier = new CountingHandler(ActionKind.Notify);
        var store = SqliteStateStore.Open(_db.Path);
        var policy = Policy(dryRun: true) with { Safety = new SafetyPolicy { MaxActionsPerRun = 0 } };

        var (plan, report) = await Cycle(store, notifier).RunAsync(policy, Ledger(), CancellationToken.None);

        Assert.True(plan.IsRefused);
        Assert.NotNull(report.Refusal);
        Assert.Equal(0, notifier.Calls);
        Assert.Empty(await store.ActionsAsync(CancellationToken.None));
        var audit = Assert.Single(await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None));
        Assert.Equal(AuditKind.Refusal, audit.Kind);
    }

    public void Dispose() => _db.Dispose();

    private BudgetCycle Cycle(IStateStore store, params IActionHandler[] handlers) =>
        new(store, new PlanExecutor(store, handlers, _time, NullLogger<PlanExecutor>.Instance), _time);

    private static FrugalPolicy Policy(bool dryRun, bool hold = false)
    {
        var actions = new List<ActionRule> { new() { Kind = ActionKind.Notify, Channels = ["ops"] } };
        if (hold)
        {
            actions.Add(new ActionRule { Kind = ActionKind.HoldTraining });
        }

        return new FrugalPolicy
        {
            Budgets =
            [
                new BudgetPolicy
                {
                    Name = "ml-platform",
                    Amount = new Engine.Money.Money(100m, Usd),
                    Thresholds = [new ThresholdRule { Fraction = 0.5m, Actions = actions }],
                },
            ],
            Safety = new SafetyPolicy { DryRun = dryRun },
            Channels = [new ChannelPolicy { Name = "ops", Kind = ChannelKind.Console }],
        };
    }

    private static CostLedger Ledger()
    {
        var slice = new CostSlice("Google Cloud", "A", "p", "Compute Engine", "us", new Dictionary<string, string>());
        var entries = Enumerable.Range(1, 10)
            .Select(d => new LedgerEntry(new DateTimeOffset(2026, 11, d, 12, 0, 0, TimeSpan.Zero), 0, Usd, 10m, 9m))
            .ToList();
        return new CostLedger([slice], entries, entries.Count, 0, []);
    }

    private sealed class CountingHandler(ActionKind kind) : IActionHandler
    {
        private int _calls;

        public bool Fail { get; init; }

        /// <summary>Stands for the process dying inside the handler: the run is cancelled before any outcome.</summary>
        public CancellationTokenSource? DieWith { get; init; }

        public int Calls => _calls;

        public ActionKind Kind => kind;

        public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
        {
            if (DieWith is not null)
            {
                DieWith.Cancel();
                DieWith.Token.ThrowIfCancellationRequested();
            }

            Interlocked.Increment(ref _calls);
            return Task.FromResult(Fail ? ActionResult.Failed("channel down") : ActionResult.Succeeded("sent"));
        }
    }
}
