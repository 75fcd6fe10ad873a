using Frugal.Engine.Money;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;

namespace Frugal.State.Sqlite.Tests;

public sealed class ModelSignalStoreTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendSignalAsync_SameDeliveryIdAgain_RecordsNothing()
    {
        var store = SqliteStateStore.Open(_db.Path);
        await store.AppendSignalAsync(Signal("drift", 0.4m, Noon, "d-1"), Noon, Ct);

        var again = await store.AppendSignalAsync(Signal("drift", 0.9m, Noon.AddMinutes(1), "d-1"), Noon, Ct);

        Assert.False(again);
        Assert.Equal(0.4m, Assert.Single(await store.LatestSignalsAsync("churn", Ct)).Value);
    }

    [Fact]
    public async Task AppendSignalAsync_SameDeliveryIdForAnotherModel_IsItsOwnSignal()
    {
        var store = SqliteStateStore.Open(_db.Path);
        await store.AppendSignalAsync(Signal("drift", 0.4m, Noon, "d-1"), Noon, Ct);
        var fraud = Signal("drift", 0.4m, Noon, "d-1") with { Model = "fraud" };

        var other = await store.AppendSignalAsync(fraud, Noon, Ct);

        Assert.True(other);
    }

    [Fact]
    public async Task LatestSignalsAsync_ManyOfAKind_TheLatestObservedOfEach()
    {
        var store = SqliteStateStore.Open(_db.Path);
        await store.AppendSignalAsync(Signal("drift", 0.5m, Noon, "a"), Noon, Ct);
        await store.AppendSignalAsync(Signal("drift", 0.2m, Noon.AddHours(-1), "b"), Noon.AddHours(1), Ct);
        await store.AppendSignalAsync(Signal("auc", 0.81m, Noon, "c"), Noon, Ct);
        await store.AppendSignalAsync(Signal("auc", 0.83m, Noon, "d"), Noon.AddMinutes(5), Ct);
        await store.AppendSignalAsync(Signal("drift", 0.9m, Noon, "e") with { Model = "fraud" }, Noon, Ct);

        var latest = await store.LatestSignalsAsync("churn", Ct);

        Assert.Equal([("auc", 0.83m, "d"), ("drift", 0.5m, "a")], latest.Select(s => (s.Kind, s.Value, s.DeliveryId)));
        Assert.Equal(Signal("drift", 0.5m, Noon, "a"), latest[1]);
    }

    [Fact]
    public async Task RecordDecisionAsync_ReadsBackAndWritesTheAuditLine()
    {
        var store = SqliteStateStore.Open(_db.Path);
        var queued = Decision(Noon, RetrainingLaunchStatus.Queued);

        await store.RecordDecisionAsync(queued, Ct);

        var read = Assert.Single(await store.ReadDecisionsAsync("churn", 10, Ct));
        Assert.Equal(queued with { Evidence = read.Evidence }, read);
        Assert.Equal(queued.Evidence, read.Evidence);
        var audit = Assert.Single(await store.ReadAuditAsync(new AuditQuery(Kind: AuditKind.Retraining), Ct));
        Assert.Equal("retraining churn with churn-train: queued (training job job-7): drift 0.5 above the "
            + "threshold 0.3", audit.Summary);
        Assert.Equal(("ml", "retrain:churn:1", "queued"), (audit.Budget, audit.Key, audit.Outcome));
    }

    [Fact]
    public async Task LastQueuedAsync_CountsOnlyDecisionsTheQueueTook()
    {
        var store = SqliteStateStore.Open(_db.Path);
        await store.RecordDecisionAsync(Decision(Noon, RetrainingLaunchStatus.Queued), Ct);
        await store.RecordDecisionAsync(Decision(Noon.AddDays(1), RetrainingLaunchStatus.AlreadyQueued), Ct);
        await store.RecordDecisionAsync(Decision(Noon.AddDays(2), RetrainingLaunchStatus.Refused), Ct);
        await store.RecordDecisionAsync(Decision(Noon.AddDays(3), null), Ct);

        Assert.Equal(Noon.AddDays(1), await store.LastQueuedAsync("churn", Ct));
        Assert.Null(await store.LastQueuedAsync("fraud", Ct));
        Assert.Equal(4, (await store.ReadDecisionsAsync(null, 10, Ct)).Count);
    }

    [Fact]
    public async Task ReadOnlyOpen_OfAnOlderSchema_HasNoSignalsOrDecisions()
    {
        SqliteStateStore.Open(_db.Path);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteMigrations.RetrainingVersion - 1};";
            command.ExecuteNonQuery();
        }

        var store = SqliteStateStore.OpenReadOnly(_db.Path)!;

        Assert.Empty(await store.ReadDecisionsAsync(null, 10, Ct));
        Assert.Empty(await store.LatestSignalsAsync("churn", Ct));
    }

    public void Dispose() => _db.Dispose();

    private static ModelSignal Signal(string kind, decimal value, DateTimeOffset at, string id) =>
        new("churn", kind, value, at, "monitor", id);

    private static RetrainingRecord Decision(DateTimeOffset at, RetrainingLaunchStatus? launch) =>
        new("churn", at, RetrainingVerdict.Retrain, "drift 0.5 above the threshold 0.3",
            ["drift 0.5 above the threshold 0.3 (observed ...)", "forecast USD 300.00 + estimate USD 40.00"],
            "churn-train")
        {
            Budget = "ml",
            Estimate = new Money(40.125m, CurrencyCode.Parse("USD")),
            IdempotencyKey = "retrain:churn:1",
            Launch = launch is { } status ? new RetrainingLaunch(status, "job-7", "spot, next window") : null,
        };
}
