using Frugal.Engine.Money;
using Frugal.Engine.Training;

namespace Frugal.State.Sqlite.Tests;

public sealed class SqliteTrainingJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task AddAsync_SameNameTwice_SecondRefused()
    {
        var store = SqliteTrainingJobStore.Open(_db.Path);

        Assert.True(await store.AddAsync(Job("bert"), Ct));
        Assert.False(await store.AddAsync(Job("bert") with { Source = "http" }, Ct));
        Assert.Equal("test", (await store.GetAsync("bert", Ct))!.Source);
    }

    [Fact]
    public async Task GetAsync_RoundTrip_KeepsSpecPlacementAndMoney()
    {
        var store = SqliteTrainingJobStore.Open(_db.Path);
        var usd = CurrencyCode.Parse("USD");
        var job = Job("bert") with
        {
            Placement = new TrainingPlacement("p", "us-central1-a", "frugal-bert-1", ProvisioningModel.Spot, "id-1",
                Now, new Money(0.31m, usd), new Money(0.85m, usd)),
            ZoneFailures = new Dictionary<string, int> { ["us-central1-b"] = 2 },
            Costs = new TrainingCosts { Actual = new Money(1.2345m, usd) },
        };
        await store.AddAsync(job, Ct);

        var read = (await store.GetAsync("bert", Ct))!;

        Assert.Equal(job.Placement, read.Placement);
        Assert.Equal(2, read.ZoneFailures["us-central1-b"]);
        Assert.Equal(1.2345m, read.Costs.Actual!.Value.Amount);
        Assert.Equal(job.Spec.Accelerator, read.Spec.Accelerator);
        Assert.Equal(job.Spec.MaxRunTime, read.Spec.MaxRunTime);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task TryReplaceAsync_StaleVersion_WritesNothing()
    {
        var store = SqliteTrainingJobStore.Open(_db.Path);
        await store.AddAsync(Job("bert"), Ct);
        var read = (await store.GetAsync("bert", Ct))!;

        var first = await store.TryReplaceAsync(read with { State = TrainingJobState.Launching }, Ct);
        var second = await store.TryReplaceAsync(read with { State = TrainingJobState.Cancelled }, Ct);

        Assert.Equal(2, first!.Version);
        Assert.Null(second);
        Assert.Equal(TrainingJobState.Launching, (await store.GetAsync("bert", Ct))!.State);
    }

    [Fact]
    public async Task TryReplaceAsync_TwoTasksClaimSameJob_OneWins()
    {
        SqliteTrainingJobStore.Open(_db.Path);
        await SqliteTrainingJobStore.Open(_db.Path).AddAsync(Job("bert"), Ct);
        var read = (await SqliteTrainingJobStore.Open(_db.Path).GetAsync("bert", Ct))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            SqliteTrainingJobStore.Open(_db.Path).TryReplaceAsync(
                read with { State = TrainingJobState.Launching, Reason = $"claimed by {i}" }, Ct))));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.Reason, (await SqliteTrainingJobStore.Open(_db.Path).GetAsync("bert", Ct))!.Reason);
    }

    [Fact]
    public async Task ListAsync_ByPriorityThenAge_FinishedOnlyWhenAsked()
    {
        var store = SqliteTrainingJobStore.Open(_db.Path);
        await store.AddAsync(Job("low"), Ct);
        await store.AddAsync(Job("high") with { Spec = Job("high").Spec with { Priority = 9 } }, Ct);
        await store.AddAsync(Job("done") with { State = TrainingJobState.Succeeded }, Ct);

        var open = await store.ListAsync(includeFinished: false, Ct);
        var all = await store.ListAsync(includeFinished: true, Ct);

        Assert.Equal(["high", "low"], open.Select(j => j.Id));
        Assert.Equal(3, all.Count);
    }

    public void Dispose() => _db.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TrainingJob Job(string name) => new()
    {
        Spec = new TrainingJobSpec
        {
            Name = name,
            Image = "img:1",
            MachineType = "g2-standard-8",
            Accelerator = new AcceleratorRequest("nvidia-l4", 1),
            Zones = ["us-central1-a"],
            CheckpointUri = new Uri($"gs://b/{name}"),
            MaxRunTime = TimeSpan.FromHours(6),
        },
        State = TrainingJobState.Queued,
        Source = "test",
        SubmittedAt = Now,
        UpdatedAt = Now,
    };
}
