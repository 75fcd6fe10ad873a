using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Testing.StateContract;

/// <summary>
/// What every state store must do, run against each one (SQLite, Table Storage on Azurite). Each test gets a fresh
/// state; <see cref="OpenAsync"/> opens one more handle on it, standing for one more process or instance.
/// </summary>
public abstract partial class StateContract
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Now);

    /// <summary>Another handle on this test's state, as a second process would open it.</summary>
    protected abstract Task<StateStores> OpenAsync();

    /// <summary>Every action with its status, oldest first (each store has this read beside the interface).</summary>
    protected abstract Task<IReadOnlyList<(string Key, ActionStatus Status, int Attempts, string? Detail)>>
        ActionsAsync(IStateStore store);

    [Fact]
    public async Task RecordCrossingAsync_SameCrossingTwice_RecordsOnce()
    {
        var store = (await OpenAsync()).Store;
        var (crossing, actions) = Crossing("c1", 2);

        var first = await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);
        var second = await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(2, (await ActionsAsync(store)).Count);
        Assert.Equal(["c1"], await store.FiredCrossingsAsync(["c1", "c2"], CancellationToken.None));
    }

    [Fact]
    public async Task RecordCrossingAsync_ManyConcurrentWriters_ExactlyOneWins()
    {
        var stores = await OpenManyAsync(8);
        var (crossing, actions) = Crossing("race", 1);

        var results = await Task.WhenAll(stores.Select(s =>
            Task.Run(() => s.RecordCrossingAsync(crossing, actions, [], CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(await ActionsAsync(stores[0]));
    }

    [Fact]
    public async Task RecordCrossingAsync_KeysWithSlashesAndHashes_RecordedAndFound()
    {
        var store = (await OpenAsync()).Store;
        var (crossing, actions) = Crossing("team/a#b?c\\d|e%f", 1);

        Assert.True(await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None));

        Assert.Single(await store.FiredCrossingsAsync([crossing.Key], CancellationToken.None));
        Assert.Equal(crossing.Key + "|Notify|ch0", Assert.Single(await ActionsAsync(store)).Key);
    }

    [Fact]
    public async Task LeasePendingActionsAsync_LeasedToOne_NotGivenToAnotherUntilExpiry()
    {
        var store = (await OpenAsync()).Store;
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
    public async Task LeasePendingActionsAsync_OwnersRacing_EachActionLeasedOnce()
    {
        var stores = await OpenManyAsync(4);
        var (crossing, actions) = Crossing("c1", 12);
        await stores[0].RecordCrossingAsync(crossing, actions, [], CancellationToken.None);

        var leases = await Task.WhenAll(stores.Select((s, i) => Task.Run(() =>
            s.LeasePendingActionsAsync($"owner{i}", Now, Now.AddMinutes(5), 12, CancellationToken.None))));

        var keys = leases.SelectMany(l => l.Select(r => r.Action.IdempotencyKey)).ToList();
        Assert.Equal(12, keys.Count);
        Assert.Equal(12, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task LeasePendingActionsAsync_Max_TakesOldestFirst()
    {
        var store = (await OpenAsync()).Store;
        var (crossing, actions) = Crossing("c1", 3);
        await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);

        var leased = await store.LeasePendingActionsAsync("a", Now, Now.AddMinutes(5), 2, CancellationToken.None);

        Assert.Equal(["c1|Notify|ch0", "c1|Notify|ch1"], leased.Select(r => r.Action.IdempotencyKey));
    }

    [Fact]
    public async Task CompleteActionAsync_Succeeded_NeverLeasedAgain()
    {
        var store = (await OpenAsync()).Store;
        var (crossing, actions) = Crossing("c1", 1);
        await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);
        var leased = await store.LeasePendingActionsAsync("a", Now, Now.AddMinutes(5), 10, CancellationToken.None);

        await store.CompleteActionAsync(leased[0].Action.IdempotencyKey, ActionResult.Succeeded("ok"), Now, [],
            CancellationToken.None);
        var later = await store.LeasePendingActionsAsync("b", Now.AddDays(1), Now.AddDays(2), 10,
            CancellationToken.None);

        Assert.Empty(later);
        var row = Assert.Single(await ActionsAsync(store));
        Assert.Equal(ActionStatus.Succeeded, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task CompleteActionAsync_PendingWithRetryAt_LeasedOnlyFromThen()
    {
        var store = (await OpenAsync()).Store;
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
    public async Task ActionsSettledAsync_SavedMoney_ReadBackWithinTheWindow()
    {
        var store = (await OpenAsync()).Store;
        var (crossing, actions) = Crossing("c1", 2);
        await store.RecordCrossingAsync(crossing, actions, [], CancellationToken.None);
        var saved = new Engine.Money.Money(12.5m, Engine.Money.CurrencyCode.Parse("EUR"));

        await store.CompleteActionAsync(actions[0].IdempotencyKey, ActionResult.Succeeded("ok") with { Saved = saved },
            Now.AddHours(1), [], CancellationToken.None);
        await store.CompleteActionAsync(actions[1].IdempotencyKey, ActionResult.Skipped("dry run"),
            Now.AddDays(2), [], CancellationToken.None);
        var settled = await store.ActionsSettledAsync(Now, Now.AddDays(1), CancellationToken.None);

        var one = Assert.Single(settled);
        Assert.Equal(saved, one.Saved);
        Assert.Equal(actions[0].IdempotencyKey, one.Action.IdempotencyKey);
        Assert.Equal(Now.AddHours(1), one.At);
    }

    [Fact]
    public async Task ReadAuditAsync_FilteredByBudget_NewestFirst()
    {
        var store = (await OpenAsync()).Store;
        await store.AppendAuditAsync(new AuditEntry(Now, AuditKind.Plan, "first", "a"), CancellationToken.None);
        await store.AppendAuditAsync(new AuditEntry(Now, AuditKind.Plan, "other", "b"), CancellationToken.None);
        await store.AppendAuditAsync(new AuditEntry(Now, AuditKind.Action, "second", "a"), CancellationToken.None);

        var entries = await store.ReadAuditAsync(new AuditQuery(Budget: "a"), CancellationToken.None);
        var actionsOnly = await store.ReadAuditAsync(new AuditQuery(Kind: AuditKind.Action), CancellationToken.None);
        var lastTwo = await store.ReadAuditAsync(new AuditQuery(Limit: 2), CancellationToken.None);

        Assert.Equal(["second", "first"], entries.Select(e => e.Summary));
        Assert.Equal(["second"], actionsOnly.Select(e => e.Summary));
        Assert.Equal(["second", "other"], lastTwo.Select(e => e.Summary));
        Assert.True(lastTwo[0].Id > lastTwo[1].Id);
    }

    [Fact]
    public async Task AppendAuditAsync_ConcurrentWriters_EveryLineKeptWithItsOwnId()
    {
        var stores = await OpenManyAsync(4);

        await Task.WhenAll(stores.Select((s, i) => Task.Run(() =>
            s.AppendAuditAsync(new AuditEntry(Now, AuditKind.Plan, $"line {i}"), CancellationToken.None))));

        var entries = await stores[0].ReadAuditAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(4, entries.Count);
        Assert.Equal(4, entries.Select(e => e.Id).Distinct().Count());
    }

    protected async Task<IReadOnlyList<IStateStore>> OpenManyAsync(int count)
    {
        var stores = new List<IStateStore>();
        for (var i = 0; i < count; i++)
        {
            stores.Add((await OpenAsync()).Store);
        }

        return stores;
    }

    protected static (CrossingRecord, IReadOnlyList<PlannedAction>) Crossing(string key, int actionCount)
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
