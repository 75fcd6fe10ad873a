using Frugal.Engine.GpuJobs;
using Frugal.Engine.State;
using Frugal.Engine.Tests.GpuJobs;
using Frugal.Engine.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.Engine.Tests.Training;

/// <summary>
/// <c>onSuccess</c>: what the scheduler starts when a job succeeds, through a real <see cref="GpuJobIntake"/> over
/// an in-memory GPU job store, on a fake clock.
/// </summary>
public sealed class TrainingChainTests
{
    private static readonly DateTimeOffset MondayInWindow = new(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);

    private static readonly TrainingChainSpec Quantize = new()
    {
        GpuJob = new ChainedGpuJobSpec(GpuJobKind.Quantize, "bert", null, null, "gs://models/bert-int8",
            GpuJobPriority.Normal, "int8", "gpu-training"),
    };

    [Fact]
    public async Task Tick_JobSucceedsAndTheTickRunsTwice_OneQuantizeJobSubmittedAndRecorded()
    {
        var (scenario, intake) = await SucceededAsync(TrainingScenario.Spec() with { OnSuccess = Quantize });
        var chain = new IntakeChain(intake);

        await Tick(scenario, chain);
        await Tick(scenario, chain);
        await Tick(scenario, chain);

        var gpuJob = Assert.Single(intake.Store.Jobs.Values);
        Assert.Equal("chain-bert-quantize", gpuJob.Id);
        Assert.Equal((GpuJobKind.Quantize, "bert", "int8"),
            (gpuJob.Request!.Kind, gpuJob.Request.Model, gpuJob.Request.Precision));
        Assert.Single(intake.Queue.Sent);
        Assert.Equal(1, chain.Calls);
        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Succeeded, job.State);
        Assert.Equal(("quantize GPU job", "chain-bert-quantize"), (job.Chained!.What, job.Chained.JobId));
        Assert.True(job.IsSettled);
        var audit = Assert.Single(scenario.State.Events, e => e.Audit.Outcome == "chained").Audit;
        Assert.Equal(AuditKind.Training, audit.Kind);
        Assert.Contains("started quantize GPU job chain-bert-quantize", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_ChainCannotSubmitYet_JobSucceedsWaitsWithTheReasonAndTheNextTickSubmits()
    {
        var (scenario, intake) = await SucceededAsync(TrainingScenario.Spec() with { OnSuccess = Quantize });
        var chain = new IntakeChain(intake) { Refusal = "no GPU job queue is configured" };

        await Tick(scenario, chain);
        var waiting = await scenario.JobAsync();
        chain.Refusal = null;
        await Tick(scenario, chain);

        Assert.Equal(TrainingJobState.Succeeded, waiting.State);
        Assert.Null(waiting.Chained);
        Assert.False(waiting.IsSettled);
        Assert.Contains("quantize GPU job on bert not started yet: no GPU job queue is configured", waiting.Reason,
            StringComparison.Ordinal);
        Assert.Equal("chain-bert-quantize", Assert.Single(intake.Store.Jobs.Values).Id);
        Assert.NotNull((await scenario.JobAsync()).Chained);
    }

    [Fact]
    public async Task Tick_HostWithoutGpuIntake_SucceededJobWaitsForIt()
    {
        var (scenario, _) = await SucceededAsync(TrainingScenario.Spec() with { OnSuccess = Quantize });

        await Tick(scenario, chain: null);

        var job = await scenario.JobAsync();
        Assert.Equal(TrainingJobState.Succeeded, job.State);
        Assert.EndsWith("not started yet: this host has no GPU job intake; the next run tries again", job.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_JobChainsATemplate_OneDistillationRunQueuedInItsOwnFolder()
    {
        var distill = TrainingScenario.Spec("bert-distill") with { Budget = null };
        var (scenario, _) = await SucceededAsync(
            TrainingScenario.Spec() with { OnSuccess = new TrainingChainSpec { TrainingJob = "bert-distill" } },
            training => training with { Templates = [distill] });

        await Tick(scenario, chain: null);
        await Tick(scenario, chain: null);

        var id = TrainingTemplates.RunId("bert-distill", "chain:bert");
        var queued = (await scenario.Store.ListAsync(includeFinished: true, TestContext.Current.CancellationToken))
            .Where(j => j.Source == "chain").ToList();
        Assert.Equal(id, Assert.Single(queued).Id);
        Assert.Equal(new Uri($"gs://ml-checkpoints/bert-distill/{id}"), queued[0].Spec.CheckpointUri);
        Assert.Equal(id, (await scenario.JobAsync()).Chained!.JobId);
    }

    [Fact]
    public void RunId_SameKey_SameValidNameEveryTime()
    {
        var template = new string('a', 40);

        var first = TrainingTemplates.RunId(template, "retrain:churn:20261204T0000Z");
        var again = TrainingTemplates.RunId(template, "retrain:churn:20261204T0000Z");
        var other = TrainingTemplates.RunId(template, "retrain:churn:20261211T0000Z");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(40, first.Length);
        Assert.Empty(TrainingJobSpecRules.Check(TrainingScenario.Spec(first)));
    }

    private static async Task<(TrainingScenario Scenario, IntakeParts Intake)> SucceededAsync(
        TrainingJobSpec spec, Func<TrainingPolicy, TrainingPolicy>? training = null)
    {
        var scenario = new TrainingScenario(MondayInWindow);
        scenario.Training = training?.Invoke(scenario.Training) ?? scenario.Training;
        await scenario.SubmitAsync(spec);
        await scenario.TickAsync();
        Assert.Equal(TrainingJobState.Running, (await scenario.JobAsync()).State);
        scenario.Time.Advance(TimeSpan.FromHours(2));
        scenario.Outcomes.Written[spec.CheckpointUri] = new TrainingOutcome(true, null, scenario.Time.GetUtcNow());
        return (scenario, new IntakeParts(new MemoryGpuJobStore(), new RecordingGpuJobQueue(), scenario.Time));
    }

    private static Task Tick(TrainingScenario scenario, ITrainingChain? chain)
    {
        scenario.Chain = chain;
        return scenario.TickAsync();
    }

    private sealed record IntakeParts(MemoryGpuJobStore Store, RecordingGpuJobQueue Queue, TimeProvider Time)
    {
        public GpuJobIntake Create() => new(Store, Queue, Time, NullLogger<GpuJobIntake>.Instance);
    }

    /// <summary>The host's chain in small: the real intake, no budgets evaluated; or a refusal.</summary>
    private sealed class IntakeChain(IntakeParts parts) : ITrainingChain
    {
        public string? Refusal { get; set; }

        public int Calls { get; private set; }

        public async Task<ChainedGpuJobResult> SubmitGpuJobAsync(GpuJobRequest request, CancellationToken ct)
        {
            if (Refusal is { } refusal)
            {
                return new ChainedGpuJobResult(false, refusal);
            }

            Calls++;
            var submission = await parts.Create().SubmitAsync(request, [], ct);
            return new ChainedGpuJobResult(true, submission.Job.State.ToString());
        }
    }
}
