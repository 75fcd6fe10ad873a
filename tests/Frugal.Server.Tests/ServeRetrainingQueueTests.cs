using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Policies;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;
using Frugal.Engine.Training;
using Frugal.Hosting.Retraining;
using Frugal.Hosting.Training;
using Frugal.State.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Server.Tests;

/// <summary>
/// Retraining and chaining through the real training queue under <c>frugal serve</c>: the SQLite queue, the
/// launcher composition registers, the GPU job intake with the worker's queue stood in for, a fake clock.
/// </summary>
public sealed class ServeRetrainingQueueTests : IAsyncLifetime
{
    private const string Policy = """
        sources:
          focus: [costs.csv]
        budgets:
          - name: ml-training
            amount: 1000
            currency: USD
            thresholds:
              - at: 0.5
                actions: [holdTraining]
        training:
          project: ml-prod
          windows: [Mon-Fri 03:00-04:00]   # closed all through the tests: nothing launches on its own
          rates:
            - machineType: g2-standard-8
              spot: 0.30
              onDemand: 0.85
          templates:
            - name: churn-train
              image: europe-docker.pkg.dev/ml-prod/train/churn:1
              machineType: g2-standard-8
              accelerator: {type: nvidia-l4, count: 1}
              zones: [europe-west4-a]
              checkpointUri: gs://ml-prod-checkpoints/churn
              maxRunTime: 10h
              onSuccess: {kind: quantize, model: churn, version: latest, precision: int8, budget: ml-training}
        retraining:
          rules:
            - model: churn
              when: {driftAbove: 0.3}
              minInterval: 7d
              trainingJob: churn-train
              budget: ml-training
        """;

    private readonly SentJobs _gpuQueue = new();
    private readonly DeleteOnlyCompute _compute = new();
    private ServeFixture _serve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _serve = await ServeFixture.StartAsync(Policy, configure: services =>
    {
        services.Replace(ServiceDescriptor.Singleton<IGpuJobQueue>(_gpuQueue));
        services.AddSingleton<IComputeInstances>(_compute);
    });

    [Fact]
    public async Task Signals_DriftSpikeManyTimes_OneTrainingJobInTheQueue()
    {
        var answers = new List<JsonElement>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await PostAsync($$"""[{"kind":"drift","value":0.{{5 + i}}},{"kind":"auc","value":0.7}]"""));
            _serve.Time.Advance(TimeSpan.FromMinutes(20));
        }

        var job = Assert.Single(await Queue().ListAsync(includeFinished: true, Ct));
        var first = answers[0].GetProperty("decisions")[0];
        Assert.Equal(("queued", job.Id), (first.GetProperty("outcome").GetString(), first.GetProperty("jobId")
            .GetString()));
        Assert.All(answers.Skip(1), a => Assert.Equal("not-retrained",
            a.GetProperty("decisions")[0].GetProperty("outcome").GetString()));
        Assert.Equal(("retraining", "ml-training", TrainingJobState.Queued),
            (job.Source, job.Spec.Budget, job.State));
        Assert.Equal(new Uri($"gs://ml-prod-checkpoints/churn/{job.Id}"), job.Spec.CheckpointUri);
        Assert.Equal(3.00m, job.Costs.Estimated!.Value.Amount);
    }

    [Fact]
    public async Task Launcher_SecondProcessQueuesTheSameOrder_AlreadyQueuedWithTheFirstJob()
    {
        await PostAsync("""{"kind":"drift","value":0.9}""");
        var decision = Assert.Single(await Decisions());
        var policy = PolicyLoader.LoadValid(Path.Combine(_serve.Folder, "frugal.yaml"));
        var order = new RetrainingOrder("churn", "churn-train", decision.Reason, decision.Evidence, "ml-training",
            decision.Estimate, decision.IdempotencyKey!, decision.At);

        var launcher = _serve.App.Services.GetServices<IRetrainingLauncherSource>().Last()
            .Create(policy, _serve.StatePath);
        var again = await launcher.QueueAsync(order, Ct);
        var unknown = await launcher.QueueAsync(order with { TrainingJob = "churn-trian" }, Ct);

        Assert.Equal(new RetrainingLaunch(RetrainingLaunchStatus.AlreadyQueued, decision.Launch!.JobId,
            $"job {decision.Launch.JobId} was queued before"), again);
        Assert.Single(await Queue().ListAsync(includeFinished: true, Ct));
        Assert.Equal(RetrainingLaunchStatus.Refused, unknown.Status);
        Assert.Equal("training job template 'churn-trian' is not in the policy; known: churn-train", unknown.Detail);
    }

    [Fact]
    public async Task Signals_BudgetOnHold_DeferredWithTheReasonAndNothingQueued()
    {
        await File.WriteAllTextAsync(Path.Combine(_serve.Folder, "costs.csv"),
            "BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\nUSD,600,2021-02-02 00:00:00,Compute Engine\n",
            Ct);

        var answer = await PostAsync("""{"kind":"drift","value":0.9}""");

        var decision = answer.GetProperty("decisions")[0];
        Assert.Equal("deferred", decision.GetProperty("outcome").GetString());
        Assert.Contains("training on hold", decision.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Queue().ListAsync(includeFinished: true, Ct));
    }

    [Fact]
    public async Task Tick_RetrainingRunSucceedsAndTheTickRunsTwice_OneQuantizeGpuJob()
    {
        await PostAsync("""{"kind":"drift","value":0.9}""");
        var queued = Assert.Single(await Queue().ListAsync(includeFinished: true, Ct));
        var marker = Directory.CreateDirectory(Path.Combine(_serve.Folder, "checkpoints", queued.Id));
        await File.WriteAllTextAsync(Path.Combine(marker.FullName, LocalFolderTrainingOutcomes.SucceededMarker), "",
            Ct);
        Assert.NotNull(await Queue().TryReplaceAsync(queued with
        {
            Spec = queued.Spec with { CheckpointUri = new Uri("file://" + marker.FullName) },
            State = TrainingJobState.Running,
            Attempt = 1,
            Placement = new TrainingPlacement("ml-prod", "europe-west4-a", $"frugal-{queued.Id}-1",
                ProvisioningModel.Spot, "request-1", _serve.Time.GetUtcNow(), null, null),
        }, Ct));
        _serve.Time.Advance(TimeSpan.FromHours(3));
        var step = _serve.App.Services.GetServices<Hosting.Steps.IScheduledStep>()
            .OfType<LaunchOffPeakTrainingStep>().Single();

        await step.RunOnceAsync(Ct);
        await step.RunOnceAsync(Ct);

        var job = (await Queue().GetAsync(queued.Id, Ct))!;
        var id = TrainingScheduler.ChainedGpuJobId(queued.Id, GpuJobKind.Quantize);
        Assert.Equal((TrainingJobState.Succeeded, id), (job.State, job.Chained?.JobId));
        var gpuJob = Assert.Single(await SqliteGpuJobStore.Open(_serve.StatePath).ReadRecentAsync(10, Ct));
        Assert.Equal((id, GpuJobState.Enqueued), (gpuJob.Id, gpuJob.State));
        Assert.Equal(id, Assert.Single(_gpuQueue.Sent).Id);
        var audit = await SqliteStateStore.Open(_serve.StatePath).ReadAuditAsync(new AuditQuery(Limit: 50), Ct);
        Assert.Single(audit, e => e.Kind == AuditKind.Training && e.Summary.Contains(id, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _serve.DisposeAsync();

    private SqliteTrainingJobStore Queue() => SqliteTrainingJobStore.Open(_serve.StatePath);

    private async Task<IReadOnlyList<RetrainingRecord>> Decisions() =>
        await SqliteStateStore.Open(_serve.StatePath).ReadDecisionsAsync("churn", 10, Ct);

    private async Task<JsonElement> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _serve.Client.PostAsync("/api/models/churn/signals", content, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private sealed class SentJobs : IGpuJobQueue
    {
        public List<GpuJobMessage> Sent { get; } = [];

        public bool IsConfigured => true;

        public Task SendAsync(GpuJobMessage message, CancellationToken ct)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>Compute for a job that has finished: its VM is deleted (gone already), nothing else.</summary>
    private sealed class DeleteOnlyCompute : IComputeInstances
    {
        public Task<ComputeOperation?> DeleteAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
            Task.FromResult<ComputeOperation?>(null);

        public Task<ComputeOperation> InsertAsync(SpotLaunchRequest request, CancellationToken ct) =>
            throw Unexpected();

        public Task<ComputeOperation> WaitAsync(ZoneOperationRef operation, TimeSpan timeout, CancellationToken ct) =>
            throw Unexpected();

        public Task<ComputeInstance?> GetAsync(InstanceRef instance, CancellationToken ct) => throw Unexpected();

        public Task<IReadOnlyList<ComputeInstance>> ListAsync(
            string project, string zone, IReadOnlyDictionary<string, string> labels, CancellationToken ct) =>
            throw Unexpected();

        public Task<IReadOnlyList<ComputeOperation>> ListPreemptionsAsync(
            string project, string zone, DateTimeOffset since, CancellationToken ct) => throw Unexpected();

        public Task<ComputeOperation> SetMetadataAsync(InstanceRef instance, IReadOnlyDictionary<string, string> items,
            string fingerprint, CancellationToken ct) => throw Unexpected();

        public Task<ComputeOperation> StopAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
            throw Unexpected();

        public Task<ComputeOperation> StartAsync(InstanceRef instance, string requestId, CancellationToken ct) =>
            throw Unexpected();

        private static InvalidOperationException Unexpected() => new("not expected of a finished job");
    }
}
