using Frugal.Engine.Money;
using Frugal.Engine.State;
using Frugal.Engine.Training;

namespace Frugal.Testing.StateContract;

/// <summary>The training queue: one job per name, every change a compare-and-swap on the job's version.</summary>
public abstract partial class StateContract
{
    [Fact]
    public async Task TrainingJobs_AddSameNameTwice_SecondRefusedAndFirstKept()
    {
        var queue = (await OpenAsync()).TrainingJobs;

        Assert.True(await queue.AddAsync(QueuedJob("bert"), Ct));
        Assert.False(await queue.AddAsync(QueuedJob("bert") with { Source = "http" }, Ct));

        var stored = (await queue.GetAsync("bert", Ct))!;
        Assert.Equal(("test", 1L), (stored.Source, stored.Version));
        Assert.Null(await queue.GetAsync("gpt", Ct));
    }

    [Fact]
    public async Task TrainingJobs_RoundTrip_KeepsSpecPlacementMoneyAndLongArguments()
    {
        var queue = (await OpenAsync()).TrainingJobs;
        var usd = CurrencyCode.Parse("USD");
        var longArgument = new string('a', 70_000);
        var job = QueuedJob("bert/v2#1") with
        {
            Spec = QueuedJob("bert/v2#1").Spec with { Arguments = ["--config", longArgument] },
            Placement = new TrainingPlacement("p", "us-central1-a", "frugal-bert-1", ProvisioningModel.Spot, "id-1",
                Now, new Money(0.31m, usd), new Money(0.85m, usd)),
            ZoneFailures = new Dictionary<string, int> { ["us-central1-b"] = 2 },
            Costs = new TrainingCosts { Actual = new Money(1.2345m, usd) },
        };
        await queue.AddAsync(job, Ct);

        var read = (await (await OpenAsync()).TrainingJobs.GetAsync("bert/v2#1", Ct))!;

        Assert.Equal(job.Placement, read.Placement);
        Assert.Equal(2, read.ZoneFailures["us-central1-b"]);
        Assert.Equal(new Money(1.2345m, usd), read.Costs.Actual);
        Assert.Equal(longArgument, read.Spec.Arguments[1]);
        Assert.Equal(job.Spec.MaxRunTime, read.Spec.MaxRunTime);
    }

    [Fact]
    public async Task TrainingJobs_ReplaceOverAStaleVersion_WritesNothing()
    {
        var queue = (await OpenAsync()).TrainingJobs;
        await queue.AddAsync(QueuedJob("bert"), Ct);
        var read = (await queue.GetAsync("bert", Ct))!;

        var first = await queue.TryReplaceAsync(read with { State = TrainingJobState.Launching }, Ct);
        var second = await queue.TryReplaceAsync(read with { State = TrainingJobState.Cancelled }, Ct);
        var third = await queue.TryReplaceAsync(first! with { Reason = "launching" }, Ct);

        Assert.Equal(2, first.Version);
        Assert.Null(second);
        Assert.Equal(3, third!.Version);
        var stored = (await queue.GetAsync("bert", Ct))!;
        Assert.Equal((TrainingJobState.Launching, "launching", 3L), (stored.State, stored.Reason, stored.Version));
        Assert.Null(await queue.TryReplaceAsync(QueuedJob("never-added") with { Version = 1 }, Ct));
    }

    [Fact]
    public async Task TrainingJobs_EightHandlesClaimTheSameVersion_ExactlyOneWins()
    {
        var handles = await OpenHandlesAsync(8);
        await handles[0].TrainingJobs.AddAsync(QueuedJob("bert"), Ct);
        var read = (await handles[0].TrainingJobs.GetAsync("bert", Ct))!;

        var results = await Task.WhenAll(handles.Select((h, i) => Task.Run(() => h.TrainingJobs.TryReplaceAsync(
            read with { State = TrainingJobState.Launching, Reason = $"claimed by {i}" }, Ct))));

        var winner = Assert.Single(results, r => r is not null);
        var stored = (await handles[0].TrainingJobs.GetAsync("bert", Ct))!;
        Assert.Equal((winner!.Reason, 2L), (stored.Reason, stored.Version));
    }

    [Fact]
    public async Task TrainingJobs_List_ByPriorityThenAgeAndFinishedOnlyWhenAsked()
    {
        var queue = (await OpenAsync()).TrainingJobs;
        await queue.AddAsync(QueuedJob("low") with { SubmittedAt = Now.AddMinutes(1) }, Ct);
        await queue.AddAsync(QueuedJob("older"), Ct);
        await queue.AddAsync(QueuedJob("high") with { Spec = QueuedJob("high").Spec with { Priority = 9 } }, Ct);
        await queue.AddAsync(QueuedJob("done") with { State = TrainingJobState.Succeeded }, Ct);

        var open = await queue.ListAsync(includeFinished: false, Ct);
        var all = await queue.ListAsync(includeFinished: true, Ct);

        Assert.Equal(["high", "older", "low"], open.Select(j => j.Id));
        Assert.Equal(["high", "done", "older", "low"], all.Select(j => j.Id));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Handles on this test's state, one per process or instance.</summary>
    private async Task<IReadOnlyList<StateStores>> OpenHandlesAsync(int count)
    {
        var handles = new List<StateStores>();
        for (var i = 0; i < count; i++)
        {
            handles.Add(await OpenAsync());
        }

        return handles;
    }

    private static TrainingJob QueuedJob(string name) => new()
    {
        Spec = new TrainingJobSpec
        {
            Name = name,
            Image = "img:1",
            MachineType = "g2-standard-8",
            Accelerator = new AcceleratorRequest("nvidia-l4", 1),
            Zones = ["us-central1-a"],
            CheckpointUri = new Uri("gs://b/checkpoints"),
            MaxRunTime = TimeSpan.FromHours(6),
        },
        State = TrainingJobState.Queued,
        Source = "test",
        SubmittedAt = Now,
        UpdatedAt = Now,
    };
}
