using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.ModelRegistry.Tests;

/// <summary>The journaled executor over a real local registry and SQLite state: crashes, failures, restores.</summary>
public sealed class ArchiveJournalRunTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly ArchiveRules Rules = new() { KeepNewest = 1, TargetTier = StorageTier.Cold };
    private readonly TempRegistry _temp = new();
    private readonly FakeTimeProvider _time = new(Now);

    public ArchiveJournalRunTests()
    {
        _temp.AddVersion("m", "1", Now.AddDays(-400), ("a.onnx", 10), ("b.onnx", 10), ("c.onnx", 10));
        _temp.AddVersion("m", "2", Now.AddDays(-1), ("a.onnx", 10));
    }

    [Fact]
    public async Task ApplyAsync_StaleVersion_EveryObjectMovedAndJournaledDone()
    {
        var ct = TestContext.Current.CancellationToken;

        var run = await ArchiveRun.Cycle(_temp.StatePath, _time).ApplyAsync(Policy(), [Local()], ArchiveScope.All, ct);

        var outcome = Assert.Single(run.Outcomes);
        Assert.Equal(ArchiveEntryState.Done, outcome.State);
        Assert.All((await Local().GetVersionAsync("m", "1", ct))!.Objects, o => Assert.Equal(StorageTier.Cold, o.Tier));
        Assert.Equal(StorageTier.Hot, (await Local().GetVersionAsync("m", "2", ct))!.Tier);
    }

    [Fact]
    public async Task ApplyAsync_CrashMidway_NextRunFinishesTheVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var dying = new ScriptedRegistry(Local()) { DieAfterChanges = 1 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ArchiveRun.Cycle(_temp.StatePath, _time)
            .ApplyAsync(Policy(), [dying], ArchiveScope.All, dying.Life.Token));
        var halfway = (await Local().GetVersionAsync("m", "1", ct))!;
        _time.Advance(ArchiveExecutor.LeaseTime);

        var next = new ScriptedRegistry(Local());
        var run = await ArchiveRun.Cycle(_temp.StatePath, _time).ApplyAsync(Policy(), [next], ArchiveScope.All, ct);

        Assert.Equal(1, halfway.Objects.Count(o => o.Tier == StorageTier.Cold));
        var resumed = Assert.Single(run.Resumed);
        Assert.Equal(ArchiveEntryState.Done, resumed.State);
        Assert.Equal(2, next.Changes);
        Assert.Empty(run.Outcomes);
        Assert.All((await Local().GetVersionAsync("m", "1", ct))!.Objects, o => Assert.Equal(StorageTier.Cold, o.Tier));
    }

    [Fact]
    public async Task ApplyAsync_CrashedRunStillLeased_NotTakenOverNorPlannedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var dying = new ScriptedRegistry(Local()) { DieAfterChanges = 1 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ArchiveRun.Cycle(_temp.StatePath, _time)
            .ApplyAsync(Policy(), [dying], ArchiveScope.All, dying.Life.Token));

        var next = new ScriptedRegistry(Local());
        var run = await ArchiveRun.Cycle(_temp.StatePath, _time).ApplyAsync(Policy(), [next], ArchiveScope.All, ct);

        Assert.Empty(run.Resumed);
        Assert.Empty(run.Plan.Decisions);
        Assert.Contains(run.Plan.Kept, k => k.Reason == "an unfinished journaled change is being completed");
        Assert.Equal(0, next.Changes);
    }

    [Fact]
    public async Task ApplyAsync_MoveKeepsFailing_RolledBackWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        var stubborn = new ScriptedRegistry(Local()) { Stubborn = "c.onnx" };
        var outcomes = new List<ArchiveOutcome>();

        for (var run = 0; run <= ArchiveExecutor.MaxAttempts; run++)
        {
            var result = await ArchiveRun.Cycle(_temp.StatePath, _time)
                .ApplyAsync(Policy(), [stubborn], ArchiveScope.All, ct);
            outcomes.AddRange(result.Resumed.Concat(result.Outcomes));
        }

        Assert.Equal(ArchiveExecutor.MaxAttempts, outcomes.Count(o => o.Failed));
        var lastFailure = outcomes[ArchiveExecutor.MaxAttempts - 1].Detail;
        Assert.Contains("rolling back to hot", lastFailure, StringComparison.Ordinal);
        Assert.Equal(ArchiveEntryState.RolledBack, outcomes[^1].State);
        Assert.Equal(ArchiveExecutor.MaxAttempts + 1, outcomes.Count);
        Assert.All((await Local().GetVersionAsync("m", "1", ct))!.Objects, o => Assert.Equal(StorageTier.Hot, o.Tier));
    }

    [Fact]
    public async Task ApplyAsync_DryRunOrOverTheCap_ChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var cycle = ArchiveRun.Cycle(_temp.StatePath, _time);

        var dry = await cycle.ApplyAsync(Policy(dryRun: true), [Local()], ArchiveScope.All, ct);
        _temp.AddVersion("m", "0", Now.AddDays(-500), ("a.onnx", 10));
        var capped = await cycle.ApplyAsync(Policy(cap: 1), [Local()], ArchiveScope.All, ct);

        Assert.True(dry.DryRun);
        Assert.Single(dry.Plan.Decisions);
        Assert.Contains("more than safety.maxActionsPerRun (1)", capped.Refusal, StringComparison.Ordinal);
        Assert.Empty(dry.Outcomes.Concat(capped.Outcomes));
        Assert.Equal(StorageTier.Hot, (await Local().GetVersionAsync("m", "1", ct))!.Tier);
    }

    [Fact]
    public async Task RestoreAsync_ArchivedVersion_BackToHotAndKeptByTheNextPlan()
    {
        var ct = TestContext.Current.CancellationToken;
        await ArchiveRun.Cycle(_temp.StatePath, _time).ApplyAsync(Policy(), [Local()], ArchiveScope.All, ct);
        _time.Advance(TimeSpan.FromDays(1));

        var restored = await ArchiveRun.Cycle(_temp.StatePath, _time)
            .RestoreAsync([Local()], new ArchiveScope(Model: "m", Version: "1"), ct);
        var plan = await ArchiveRun.Cycle(_temp.StatePath, _time)
            .PlanAsync(Policy().ModelArchive, [Local()], ArchiveScope.All, ct);

        Assert.Equal(ArchiveEntryState.Done, restored.State);
        Assert.True(restored.Progress!.Complete);
        Assert.Equal(StorageTier.Hot, (await Local().GetVersionAsync("m", "1", ct))!.Tier);
        Assert.Empty(plan.Decisions);
        Assert.Contains(plan.Kept, k => k.Key.Version == "1" && k.Reason == "restored 0 days ago");
    }

    [Fact]
    public async Task BeginAsync_VersionWithAnUnfinishedEntry_Refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var journal = SqliteArchiveJournal.Open(_temp.StatePath);
        var key = new ModelVersionKey("local", "m", "1");
        var lease = new ArchiveLease("me", Now.AddMinutes(5));

        var first = await journal.BeginAsync(Entry("first", key), lease, ct);
        var second = await journal.BeginAsync(Entry("second", key), lease, ct);

        Assert.True(first);
        Assert.False(second);
    }

    public void Dispose() => _temp.Dispose();

    private static ArchiveJournalEntry Entry(string id, ModelVersionKey key) =>
        new(id, key, ArchiveOperation.Move, StorageTier.Hot, StorageTier.Cold, ["a.onnx"], Now);

    private FrugalPolicy Policy(bool dryRun = false, int cap = 20) => ArchiveRun.Policy(_temp.Root, Rules, dryRun, cap);

    private LocalFolderRegistry Local() => new("local", _temp.Root, "frugal-pin", _time);
}
