using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;

namespace Frugal.State.Sqlite.Tests;

public sealed class SqliteGpuJobStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SubmitAsync_SameIdTwice_IsOneJobAndTheFirstStays()
    {
        var store = SqliteGpuJobStore.Open(_database.Path);

        var first = await store.SubmitAsync(Request("job-1"), GpuJobState.Held, "on hold", Now, Ct);
        var second = await store.SubmitAsync(Request("job-1") with { Model = "churn" }, GpuJobState.Submitted, "go",
            Now.AddMinutes(1), Ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(Request("job-1"), second.Job.Request);
        Assert.Equal((GpuJobState.Held, "on hold"), (second.Job.State, second.Job.Reason));
        Assert.Single(await store.ReadRecentAsync(10, Ct));
    }

    [Fact]
    public async Task ReadWaitingAsync_ListsSubmittedAndHeldNotEnqueued()
    {
        var store = SqliteGpuJobStore.Open(_database.Path);
        await store.SubmitAsync(Request("a"), GpuJobState.Held, "hold", Now, Ct);
        await store.SubmitAsync(Request("b"), GpuJobState.Submitted, "go", Now.AddSeconds(1), Ct);
        await store.SubmitAsync(Request("c"), GpuJobState.Submitted, "go", Now.AddSeconds(2), Ct);

        await store.MarkEnqueuedAsync("c", "sent", Now.AddSeconds(3), Ct);
        var waiting = await store.ReadWaitingAsync(Ct);

        Assert.Equal(["a", "b"], waiting.Select(j => j.Id));
        Assert.Equal(Now.AddSeconds(1), waiting[1].SubmittedAt);
    }

    [Fact]
    public async Task RecordResultAsync_DeliveredTwice_CountsOnce()
    {
        var store = SqliteGpuJobStore.Open(_database.Path);
        await store.SubmitAsync(Request("job-1"), GpuJobState.Submitted, "go", Now, Ct);
        await store.MarkEnqueuedAsync("job-1", "sent", Now, Ct);

        var first = await store.RecordResultAsync(Result("job-1", 0.60m, 200_000, 1000m), Now.AddMinutes(5), Ct);
        var again = await store.RecordResultAsync(Result("job-1", 0.60m, 200_000, 1000m) with { Duplicate = true },
            Now.AddMinutes(6), Ct);
        var usage = await store.ReadAsync(Now, Now.AddHours(1), Ct);

        Assert.True(first);
        Assert.False(again);
        var fraud = Assert.Single(usage);
        Assert.Equal(200_000, fraud.Predictions);
        var job = Assert.Single(await store.ReadRecentAsync(10, Ct));
        Assert.Equal(GpuJobState.Succeeded, job.State);
        Assert.False(job.Result!.Duplicate);
        Assert.Equal(Now.AddMinutes(5), job.FinishedAt);
    }

    [Fact]
    public async Task MarkEnqueuedAsync_AfterTheResultCame_LeavesTheJobFinished()
    {
        var store = SqliteGpuJobStore.Open(_database.Path);
        await store.SubmitAsync(Request("fast"), GpuJobState.Submitted, "go", Now, Ct);
        await store.RecordResultAsync(Result("fast", 0.01m, 10, 1m), Now.AddSeconds(1), Ct);

        await store.MarkEnqueuedAsync("fast", "sent", Now.AddSeconds(2), Ct);

        Assert.Equal(GpuJobState.Succeeded, Assert.Single(await store.ReadRecentAsync(1, Ct)).State);
    }

    [Fact]
    public async Task RecordResultAsync_JobNeverSubmittedHere_IsRecordedAndCounted()
    {
        var store = SqliteGpuJobStore.Open(_database.Path);

        var recorded = await store.RecordResultAsync(Result("elsewhere", 0.30m, 100_000, 500m), Now, Ct);

        Assert.True(recorded);
        var job = Assert.Single(await store.ReadRecentAsync(10, Ct));
        Assert.Null(job.Request);
        Assert.Equal(("fraud", "3"), (job.Model, job.Version));
        Assert.Single(await store.ReadAsync(Now, Now, Ct));
    }

    [Fact]
    public async Task ReadAsync_TwoJobsOfOneVersion_SumsAndGivesCostPerThousand()
    {
        var store = SqliteGpuJobStore.Open(_database.Path);
        await store.RecordResultAsync(Result("a", 0.60m, 200_000, 1000m), Now, Ct);
        await store.RecordResultAsync(Result("b", 0.30m, 100_000, 500m), Now.AddMinutes(1), Ct);
        await store.RecordResultAsync(Result("c", 0.05m, 1_000, 10m, version: "4"), Now.AddMinutes(2), Ct);
        await store.RecordResultAsync(Result("late", 9m, 9, 9m), Now.AddDays(2), Ct);

        var usage = await store.ReadAsync(Now, Now.AddHours(1), Ct);

        Assert.Equal(["3", "4"], usage.Select(u => u.Version));
        var three = usage[0];
        Assert.Equal((300_000L, 1500m), (three.Predictions, three.GpuSeconds));
        Assert.Equal(new Money(0.90m, Usd), three.Cost);
        // USD 0.90 for 300,000 predictions: 0.90 × 1,000 / 300,000 = USD 0.003 per thousand.
        Assert.Equal(new Money(0.003m, Usd), three.CostPerThousand);
        Assert.Equal(new Money(0.05m, Usd), usage[1].CostPerThousand);
    }

    [Fact]
    public void OpenReadOnly_NoStateYet_IsNull()
    {
        Assert.Null(SqliteGpuJobStore.OpenReadOnly(_database.Path));
    }

    private static GpuJobRequest Request(string id) =>
        new(id, GpuJobKind.Infer, "fraud", "3", "/data/rows.jsonl", null, GpuJobPriority.Normal, null, "ml-platform");

    private static GpuJobResult Result(
        string id, decimal cost, long predictions, decimal seconds, string version = "3") => new()
    {
        Id = id, Kind = "infer", Succeeded = true, Model = "fraud", Version = version, GpuSeconds = seconds,
        Predictions = predictions, Cost = new Money(cost, Usd), Provider = "CUDA", Attempts = 1,
    };
}
