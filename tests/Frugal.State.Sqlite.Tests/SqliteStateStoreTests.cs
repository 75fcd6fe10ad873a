using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.State.Sqlite.Tests;

public sealed class SqliteStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    [Fact]
    public void Open_NewFile_AppliesLatestSchema()
    {
        var store = SqliteStateStore.Open(_db.Path);

        Assert.Equal(SqliteMigrations.Latest, store.SchemaVersion);
    }

    [Fact]
    public void Open_NewerSchemaThanKnown_RefusesWithReason()
    {
        SqliteStateStore.Open(_db.Path);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<Frugal.Engine.State.StateSchemaException>(() => SqliteStateStore.Open(_db.Path));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordCrossingAsync_SameCrossingTwice_RecordsOnce()
    {
        var store = SqliteStateStore.Open(_db.Path);
        var (crossing, actions) = Crossing("c1", 2);

        var first = await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);
        var second = await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(2, (await store.ActionsAsync(CancellationToken.None)).Count);
        Assert.Equal(["c1"], await store.FiredCrossingsAsync(["c1", "c2"], CancellationToken.None));
    }

    [Fact]
    public async Task RecordCrossingAsync_ManyConcurrentWriters_ExactlyOneWins()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => SqliteStateStore.Open(_db.Path)).ToList();
        var (crossing, actions) = Crossing("race", 1);

        var results = await Task.WhenAll(stores.Select(s =>
            Task.Run(() => s.RecordCrossingAsync(crossing, actions, [], CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task LeasePendingActionsAsync_LeasedToOne_NotGivenToAnotherUntilExpiry()
    {
        var store = SqliteStateStore.Open(_db.Path);
        var (crossing, actions) = Crossing("c1", 3);
        await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);

        var a = await store.LeasePendingActionsAsync("a", Now, Now.AddMinutes(5), 10, CancellationToken.None);
        var b = await store.LeasePendingActionsAsync("b", Now.AddMinutes(1), Now.AddMinutes(6), 10,
            CancellationToken.None);
        var c = await store.LeasePendingActionsAsync("c", Now.AddMinutes(6), Now.AddMinutes(11), 10,
            CancellationToken.None);

        Assert.Equal(3, a.Count);
        Assert.Empty(b);
        Assert.Equal(3, c.Count);
    }

    [Fact]
    public async Task CompleteActionAsync_Succeeded_NeverLeasedAgain()
    {
        var store = SqliteStateStore.Open(_db.Path);
        var (crossing, actions) = Crossing("c1", 1);
        await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);
        var leased = await store.LeasePendingActionsAsync("a", Now, Now.AddMinutes(5), 10, CancellationToken.None);

        await store.CompleteActionAsync(leased[0].Action.IdempotencyKey, ActionResult.Succeeded("ok"), Now, [],
            CancellationToken.None);
        var later = await store.LeasePendingActionsAsync("b", Now.AddDays(1), Now.AddDays(2), 10,
            CancellationToken.None);

        Assert.Empty(later);
        var row = Assert.Single(await store.ActionsAsync(CancellationToken.None));
        Assert.Equal(ActionStatus.Succeeded, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task CompleteActionAsync_PendingWithRetryAt_LeasedOnlyFromThen()
    {
        var store = SqliteStateStore.Open(_db.Path);
        var (crossing, actions) = Crossing("c1", 1);
        await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);
        var leased = await store.LeasePendingActionsAsync("a", Now, Now.AddMinutes(5), 10, CancellationToken.None);
        var retry = new ActionResult(ActionStatus.Pending, "503", Now.AddMinutes(4));

        await store.CompleteActionAsync(leased[0].Action.IdempotencyKey, retry, Now, [], CancellationToken.None);
        var early = await store.LeasePendingActionsAsync("b", Now.AddMinutes(1), Now.AddMinutes(2), 10,
            CancellationToken.None);
        var onTime = await store.LeasePendingActionsAsync("b", Now.AddMinutes(4), Now.AddMinutes(9), 10,
            CancellationToken.None);

        Assert.Empty(early);
        var again = Assert.Single(onTime);
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task ReadAuditAsync_FilteredByBudget_NewestFirst()
    {
        var store = SqliteStateStore.Open(_db.Path);
        await store.AppendAuditAsync(new AuditEntry(Now, AuditKind.Plan, "first", "a"), CancellationToken.None);
        await store.AppendAuditAsync(new AuditEntry(Now, AuditKind.Plan, "other", "b"), CancellationToken.None);
        await store.AppendAuditAsync(new AuditEntry(Now, AuditKind.Action, "second", "a"), CancellationToken.None);

        var entries = await store.ReadAuditAsync(new AuditQuery(Budget: "a"), CancellationToken.None);

        Assert.Equal(["second", "first"], entries.Select(e => e.Summary));
    }

    public void Dispose() => _db.Dispose();

    internal static (CrossingRecord, IReadOnlyList<PlannedAction>) Crossing(string key, int actionCount)
    {
        var crossing = new CrossingRecord(key, "ml", "2026-11", "actual@0.5", 600m, 500m, "USD", Now);
        var actions = Enumerable.Range(0, actionCount).Select(i => new PlannedAction
        {
            IdempotencyKey = $"{key}|Notify|ch{i}",
            CrossingKey = key,
            Kind = ActionKind.Notify,
            Budget = "ml",
            Period = "2026-11",
            ThresholdId = "actual@0.5",
            Target = $"ch{i}",
            Reason = "notify",
            DryRun = false,
            Rule = new ActionRule { Kind = ActionKind.Notify, Channels = [$"ch{i}"] },
        }).ToList();
        return (crossing, actions);
    }
}
