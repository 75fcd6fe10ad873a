using Frugal.Engine.Policies;
using Frugal.Engine.Retraining;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Frugal.Engine.Tests.Retraining.RetrainingScenario;

namespace Frugal.Engine.Tests.Retraining;

/// <summary>The trigger scenarios of issue 10 on a fake clock, through the cycle with a recording launcher.</summary>
public sealed class RetrainingCycleTests
{
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemorySignalStore _store = new();
    private readonly RecordingLauncher _launcher = new(new Engine.Money.Money(40m, Usd));
    private readonly RetrainingPolicy _policy = new() { Rules = [Rule()] };

    [Fact]
    public async Task DriftSpike_ManySignals_OneRetrainingQueued()
    {
        var cycle = Cycle(Budget(200m, 400m));

        for (var i = 0; i < 20; i++)
        {
            await TakeInAsync(cycle, Signal("drift", 0.5m + (i / 100m), _clock.GetUtcNow()));
            _clock.Advance(TimeSpan.FromMinutes(3));
        }

        var job = Assert.Single(_launcher.QueuedJobs);
        Assert.Equal("job-1", job);
        Assert.Single(_launcher.Orders);
        Assert.Equal(20, _store.Decisions.Count);
        Assert.Equal("queued", _store.Decisions[0].Outcome);
        Assert.All(_store.Decisions.Skip(1), d => Assert.Equal(RetrainingVerdict.NotRetrained, d.Verdict));
    }

    [Fact]
    public async Task DriftSpike_RepeatedDelivery_IsRecordedOnceAndDecidedOnce()
    {
        var cycle = Cycle(Budget(200m, 400m));
        var signal = Signal("drift", 0.6m, Start, id: "delivery-1");

        var first = await TakeInAsync(cycle, signal);
        var again = await TakeInAsync(cycle, signal);

        Assert.Equal((1, 0, 1), (first.Recorded, first.Repeats, first.Decisions.Count));
        Assert.Equal((0, 1, 0), (again.Recorded, again.Repeats, again.Decisions.Count));
        Assert.Single(_launcher.QueuedJobs);
    }

    [Fact]
    public async Task RacingEvaluations_InOneWindow_QueueOneJob()
    {
        var cycle = Cycle(Budget(200m, 400m));
        await _store.AppendSignalAsync(Signal("drift", 0.6m, Start), Start, Ct);
        var racing = new InMemorySignalStore();
        await racing.AppendSignalAsync(Signal("drift", 0.6m, Start), Start, Ct);
        var other = new RetrainingCycle(racing, _launcher, new FixedBudgets(Budget(200m, 400m)), _clock,
            NullLogger<RetrainingCycle>.Instance);

        var mine = await cycle.EvaluateAsync(Rule(), [], Ct);
        var theirs = await other.EvaluateAsync(Rule(), [], Ct);

        Assert.Equal("queued", mine.Outcome);
        Assert.Equal("already-queued", theirs.Outcome);
        Assert.Equal(mine.Launch!.JobId, theirs.Launch!.JobId);
        Assert.Single(_launcher.QueuedJobs);
    }

    [Fact]
    public async Task QualityFine_NothingQueuedAndNoEstimateAsked()
    {
        var cycle = Cycle(Budget(200m, 400m));

        var intake = await TakeInAsync(cycle, Signal("auc", 0.91m, Start), Signal("drift", 0.05m, Start));

        var decision = Assert.Single(intake.Decisions);
        Assert.Equal(RetrainingVerdict.NotRetrained, decision.Verdict);
        Assert.Equal("not-retrained", decision.Outcome);
        Assert.Empty(_launcher.Orders);
        Assert.Equal(0, _launcher.Estimates);
    }

    [Fact]
    public async Task BudgetOnHold_DeferredWithReason_ThenQueuedOnceTheHoldLifts()
    {
        var held = Cycle(Budget(850m, 990m, holdReached: true));

        var deferred = Assert.Single((await TakeInAsync(held, Signal("auc", 0.7m, Start))).Decisions);
        _clock.Advance(TimeSpan.FromHours(1));
        var lifted = await Cycle(Budget(100m, 300m)).EvaluateAsync(Rule(), [], Ct);

        Assert.Equal(RetrainingVerdict.Deferred, deferred.Verdict);
        Assert.Contains("training on hold", deferred.Reason, StringComparison.Ordinal);
        Assert.Equal("queued", lifted.Outcome);
        Assert.Single(_launcher.QueuedJobs);
    }

    [Fact]
    public async Task MinInterval_SecondSpikeWithinItIsRefused_AfterItQueuesAgain()
    {
        var cycle = Cycle(Budget(100m, 200m));
        await TakeInAsync(cycle, Signal("drift", 0.5m, _clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromDays(3));
        var within = Assert.Single((await TakeInAsync(cycle, Signal("drift", 0.7m, _clock.GetUtcNow()))).Decisions);
        _clock.Advance(TimeSpan.FromDays(4));
        var after = Assert.Single((await TakeInAsync(cycle, Signal("drift", 0.7m, _clock.GetUtcNow()))).Decisions);

        Assert.Equal(RetrainingVerdict.NotRetrained, within.Verdict);
        Assert.Contains("not before 2026-12-11T09:00Z", within.Reason, StringComparison.Ordinal);
        Assert.Equal("queued", after.Outcome);
        Assert.Equal(2, _launcher.QueuedJobs.Count);
    }

    [Fact]
    public async Task NoTrainingQueue_DecisionRecordedAsWanted()
    {
        var cycle = new RetrainingCycle(_store, null, new FixedBudgets(), _clock, NullLogger<RetrainingCycle>.Instance);

        var decision = Assert.Single((await TakeInAsync(cycle, Signal("drift", 0.9m, Start))).Decisions);

        Assert.Equal("wanted", decision.Outcome);
        Assert.EndsWith(RetrainingCycle.NoQueue, decision.Reason, StringComparison.Ordinal);
        Assert.Null(await _store.LastQueuedAsync("churn", Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RetrainingCycle Cycle(Engine.Budgets.BudgetStatus budget) =>
        new(_store, _launcher, new FixedBudgets(budget), _clock, NullLogger<RetrainingCycle>.Instance);

    private Task<SignalIntake> TakeInAsync(RetrainingCycle cycle, params ModelSignal[] signals) =>
        cycle.TakeInAsync(_policy, signals, [], TestContext.Current.CancellationToken);
}
