using System.Collections.Concurrent;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Frugal.Engine.Tests.Training;
using Frugal.Engine.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.Testing.StateContract;

/// <summary>
/// Two engines (two Functions instances, or a timer and <c>frugal serve</c>) on the same state at the same moment:
/// each has its own handle on the store, and they share the outside world (Compute, the worker's queue).
/// </summary>
public abstract partial class StateContract
{
    [Fact]
    public async Task TwoSchedulersTickingAtOnce_OneInsertReachesComputeAndTheJobRunsOnce()
    {
        var compute = new FakeComputeInstances(Time);
        var engines = await OpenHandlesAsync(2);
        var policy = TrainingPolicyWith(QueuedJob("bert").Spec);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var ticks = engines.Select(stores => Task.Run(async () =>
        {
            await start.Task;
            return await Scheduler(stores, compute).TickAsync(new TrainingTick(policy, []), Ct);
        })).ToList();
        start.SetResult();
        var reports = await Task.WhenAll(ticks);

        var insert = Assert.Single(compute.Inserts);
        var job = (await engines[0].TrainingJobs.GetAsync("bert", Ct))!;
        Assert.Equal((TrainingJobState.Running, 1), (job.State, job.Attempt));
        Assert.Equal(insert.Instance, job.Placement!.Instance);
        Assert.Equal(insert.Instance, Assert.Single(compute.Instances).Key);
        Assert.Single(await engines[0].TrainingJobs.ListAsync(includeFinished: true, Ct));
        Assert.Single(reports.SelectMany(r => r.Changes), c => c.To == TrainingJobState.Running);
    }

    [Fact]
    public async Task SameGpuJobSubmittedTwiceAtOnce_OneMessageSent()
    {
        var queue = new CountingGpuJobQueue();
        var engines = await OpenHandlesAsync(2);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var submits = engines.Select(stores => Task.Run(async () =>
        {
            await start.Task;
            var intake = new GpuJobIntake(stores.GpuJobs, queue, Time, NullLogger<GpuJobIntake>.Instance);
            return await intake.SubmitAsync(GpuRequest("job-1"), [], Ct);
        })).ToList();
        start.SetResult();
        var submissions = await Task.WhenAll(submits);

        Assert.Equal("job-1", Assert.Single(queue.Sent).Id);
        Assert.Single(submissions, s => !s.Duplicate);
        Assert.DoesNotContain(submissions, s => s.Conflict);
        var job = Assert.Single(await engines[1].GpuJobs.ReadRecentAsync(10, Ct));
        Assert.Equal(GpuJobState.Enqueued, job.State);
    }

    private TrainingScheduler Scheduler(StateStores stores, FakeComputeInstances compute) =>
        new(stores.TrainingJobs, compute, new FakeTrainingOutcomes(), null, new TrainingNotices(stores.Store), Time,
            NullLogger<TrainingScheduler>.Instance);

    private static FrugalPolicy TrainingPolicyWith(TrainingJobSpec spec)
    {
        var usd = CurrencyCode.Parse("USD");
        return new FrugalPolicy
        {
            Budgets = [],
            Training = new TrainingPolicy
            {
                Project = "ml-project",
                Rates = [new TrainingRate(spec.MachineType, new Money(0.30m, usd), new Money(0.85m, usd))],
                Jobs = [spec],
            },
        };
    }

    /// <summary>The worker's queue as both engines see it: every message sent, from any thread.</summary>
    private sealed class CountingGpuJobQueue : IGpuJobQueue
    {
        private readonly ConcurrentQueue<GpuJobMessage> _sent = new();

        public bool IsConfigured => true;

        public IReadOnlyList<GpuJobMessage> Sent => [.. _sent];

        public async Task SendAsync(GpuJobMessage message, CancellationToken ct)
        {
            await Task.Yield();
            _sent.Enqueue(message);
        }
    }
}
