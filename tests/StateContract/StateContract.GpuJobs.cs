using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;

namespace Frugal.Testing.StateContract;

/// <summary>GPU jobs: one job per id, one result per job, usage per model version from the results.</summary>
public abstract partial class StateContract
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    [Fact]
    public async Task GpuJobs_SameIdTwice_IsOneJobAndTheFirstStays()
    {
        var jobs = (await OpenAsync()).GpuJobs;

        var first = await jobs.SubmitAsync(GpuRequest("job-1"), GpuJobState.Held, "on hold", Now, Ct);
        var second = await jobs.SubmitAsync(GpuRequest("job-1") with { Model = "churn" }, GpuJobState.Submitted,
            "go", Now.AddMinutes(1), Ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(GpuRequest("job-1"), second.Job.Request);
        Assert.Equal((GpuJobState.Held, "on hold", Now), (second.Job.State, second.Job.Reason, second.Job.SubmittedAt));
        Assert.Single(await jobs.ReadRecentAsync(10, Ct));
    }

    [Fact]
    public async Task GpuJobs_ReadWaiting_ListsSubmittedAndHeldOldestFirst()
    {
        var jobs = (await OpenAsync()).GpuJobs;
        await jobs.SubmitAsync(GpuRequest("a"), GpuJobState.Held, "hold", Now, Ct);
        await jobs.SubmitAsync(GpuRequest("b"), GpuJobState.Submitted, "go", Now.AddSeconds(1), Ct);
        await jobs.SubmitAsync(GpuRequest("c"), GpuJobState.Submitted, "go", Now.AddSeconds(2), Ct);
        await jobs.RecordResultAsync(GpuResult("elsewhere", 0.1m, 10, 1m), Now, Ct);

        await jobs.MarkEnqueuedAsync("c", "sent", Now.AddSeconds(3), Ct);
        await jobs.MarkHeldAsync("b", "hold rung reached", Ct);
        var waiting = await jobs.ReadWaitingAsync(Ct);

        Assert.Equal(["a", "b"], waiting.Select(j => j.Id));
        Assert.Equal((GpuJobState.Held, "hold rung reached"), (waiting[1].State, waiting[1].Reason));
        var sent = (await jobs.ReadRecentAsync(10, Ct)).Single(j => j.Id == "c");
        Assert.Equal((GpuJobState.Enqueued, Now.AddSeconds(3)), (sent.State, sent.EnqueuedAt));
    }

    [Fact]
    public async Task GpuJobs_ResultDeliveredTwice_CountsOnce()
    {
        var jobs = (await OpenAsync()).GpuJobs;
        await jobs.SubmitAsync(GpuRequest("job-1"), GpuJobState.Submitted, "go", Now, Ct);
        await jobs.MarkEnqueuedAsync("job-1", "sent", Now, Ct);

        var first = await jobs.RecordResultAsync(GpuResult("job-1", 0.60m, 200_000, 1000m), Now.AddMinutes(5), Ct);
        var again = await (await OpenAsync()).GpuJobs.RecordResultAsync(
            GpuResult("job-1", 0.60m, 200_000, 1000m) with { Duplicate = true }, Now.AddMinutes(6), Ct);

        Assert.True(first);
        Assert.False(again);
        var job = Assert.Single(await jobs.ReadRecentAsync(10, Ct));
        Assert.Equal((GpuJobState.Succeeded, Now.AddMinutes(5)), (job.State, job.FinishedAt));
        Assert.False(job.Result!.Duplicate);
        Assert.Equal(200_000, Assert.Single(await (await OpenAsync()).InferenceUsage.ReadAsync(Now, Now.AddHours(1),
            Ct)).Predictions);
    }

    [Fact]
    public async Task GpuJobs_EnqueuedAfterTheResultCame_StaysFinished()
    {
        var jobs = (await OpenAsync()).GpuJobs;
        await jobs.SubmitAsync(GpuRequest("fast"), GpuJobState.Submitted, "go", Now, Ct);
        await jobs.RecordResultAsync(GpuResult("fast", 0.01m, 10, 1m) with { Succeeded = false, Error = "oom" },
            Now.AddSeconds(1), Ct);

        await jobs.MarkEnqueuedAsync("fast", "sent", Now.AddSeconds(2), Ct);
        await jobs.MarkHeldAsync("fast", "hold", Ct);

        var job = Assert.Single(await jobs.ReadRecentAsync(1, Ct));
        Assert.Equal((GpuJobState.Failed, "oom"), (job.State, job.Reason));
        Assert.Empty(await jobs.ReadWaitingAsync(Ct));
    }

    [Fact]
    public async Task GpuJobs_ResultOfAJobSubmittedElsewhere_IsRecordedAndCounted()
    {
        var stores = await OpenAsync();

        var recorded = await stores.GpuJobs.RecordResultAsync(GpuResult("elsewhere", 0.30m, 100_000, 500m), Now, Ct);

        Assert.True(recorded);
        var job = Assert.Single(await stores.GpuJobs.ReadRecentAsync(10, Ct));
        Assert.Null(job.Request);
        Assert.Equal(("fraud", "3"), (job.Model, job.Version));
        Assert.Single(await stores.InferenceUsage.ReadAsync(Now, Now, Ct));
    }

    [Fact]
    public async Task GpuJobs_UsagePerVersion_SumsWithinTheSpanAndGivesCostPerThousand()
    {
        var stores = await OpenAsync();
        await stores.GpuJobs.RecordResultAsync(GpuResult("a", 0.60m, 200_000, 1000m), Now, Ct);
        await stores.GpuJobs.RecordResultAsync(GpuResult("b", 0.30m, 100_000, 500m), Now.AddMinutes(1), Ct);
        await stores.GpuJobs.RecordResultAsync(GpuResult("c", 0.05m, 1_000, 10m, version: "4"), Now.AddMinutes(2),
            Ct);
        await stores.GpuJobs.RecordResultAsync(GpuResult("late", 9m, 9, 9m), Now.AddDays(2), Ct);

        var usage = await stores.InferenceUsage.ReadAsync(Now, Now.AddHours(1), Ct);

        Assert.Equal(["3", "4"], usage.Select(u => u.Version));
        Assert.Equal((300_000L, 1500m), (usage[0].Predictions, usage[0].GpuSeconds));
        Assert.Equal(new Money(0.90m, Usd), usage[0].Cost);
        // USD 0.90 for 300,000 predictions: 0.90 × 1,000 / 300,000 = USD 0.003 per thousand.
        Assert.Equal(new Money(0.003m, Usd), usage[0].CostPerThousand);
    }

    [Fact]
    public async Task GpuJobs_ReadRecent_NewestTouchedFirstUpToTheLimit()
    {
        var jobs = (await OpenAsync()).GpuJobs;
        await jobs.SubmitAsync(GpuRequest("a"), GpuJobState.Submitted, "go", Now, Ct);
        await jobs.SubmitAsync(GpuRequest("b"), GpuJobState.Submitted, "go", Now.AddMinutes(1), Ct);
        await jobs.SubmitAsync(GpuRequest("c"), GpuJobState.Submitted, "go", Now.AddMinutes(2), Ct);
        await jobs.MarkEnqueuedAsync("a", "sent", Now.AddMinutes(3), Ct);

        var recent = await jobs.ReadRecentAsync(2, Ct);

        Assert.Equal(["a", "c"], recent.Select(j => j.Id));
    }

    private static GpuJobRequest GpuRequest(string id) =>
        new(id, GpuJobKind.Infer, "fraud", "3", "/data/rows.jsonl", null, GpuJobPriority.Normal, null, "ml-platform");

    private static GpuJobResult GpuResult(
        string id, decimal cost, long predictions, decimal seconds, string version = "3") => new()
    {
        Id = id, Kind = "infer", Succeeded = true, Model = "fraud", Version = version, GpuSeconds = seconds,
        Predictions = predictions, Cost = new Money(cost, Usd), Provider = "CUDA", Attempts = 1,
    };
}
