using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frugal.Engine.Money;
using Frugal.Engine.Retraining;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Server.Tests;

/// <summary><c>POST /api/models/{model}/signals</c> under <c>frugal serve</c>, over real HTTP.</summary>
public sealed class ServeSignalTests : IAsyncLifetime
{
    private const string Policy = """
        sources:
          focus: [costs.csv]
        budgets:
          - name: ml-training
            amount: 1000
            currency: USD
            thresholds:
              - at: 0.8
                actions: [holdTraining]
        training:
          project: ml-prod
          rates:
            - machineType: g2-standard-8
              spot: 0.30
              onDemand: 0.85
          templates:
            - name: churn-train
              image: europe-docker.pkg.dev/ml-prod/train/churn:1
              machineType: g2-standard-8
              zones: [europe-west4-a]
              checkpointUri: gs://ml-prod-checkpoints/churn
              maxRunTime: 4h
        retraining:
          rules:
            - model: churn
              when: {driftAbove: 0.3}
              minInterval: 1d
              trainingJob: churn-train
              budget: ml-training
        """;

    private readonly OneJobQueue _queue = new();
    private ServeFixture _serve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _serve = await ServeFixture.StartAsync(Policy,
        configure: services => services.AddSingleton<IRetrainingLauncher>(_queue));

    [Fact]
    public async Task Signals_DriftSpikeInABatchAndAgain_OneRetrainingQueued()
    {
        using var batch = await PostAsync("churn", """[{"kind":"drift","value":0.5},{"kind":"auc","value":0.7}]""");
        using var again = await PostAsync("churn", """{"kind":"drift","value":0.6,"deliveryId":"m-2"}""");

        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        var decision = (await Json(batch)).GetProperty("decisions")[0];
        Assert.Equal(("queued", "spot-1"),
            (decision.GetProperty("outcome").GetString(), decision.GetProperty("jobId").GetString()));
        Assert.Equal("not-retrained", (await Json(again)).GetProperty("decisions")[0].GetProperty("outcome")
            .GetString());
        Assert.Equal(1, _queue.Queued);
    }

    [Fact]
    public async Task Signals_BadModelName_IsBadRequestNamingIt()
    {
        using var response = await PostAsync("churn%20v2", """{"kind":"drift","value":0.5}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("model: 'churn v2' is not a model name",
            (await Json(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signals_GetInsteadOfPost_IsNotAllowed()
    {
        using var response = await _serve.Client.GetAsync("/api/models/churn/signals", Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _serve.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string model, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _serve.Client.PostAsync($"/api/models/{model}/signals", content, Ct);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    /// <summary>A training queue that takes each idempotency key once and estimates every run at USD 25.</summary>
    private sealed class OneJobQueue : IRetrainingLauncher
    {
        private readonly HashSet<string> _keys = [];

        public int Queued => _keys.Count;

        public Task<Money?> EstimateAsync(string trainingJob, CancellationToken ct) =>
            Task.FromResult<Money?>(new Money(25m, CurrencyCode.Parse("USD")));

        public Task<RetrainingLaunch> QueueAsync(RetrainingOrder order, CancellationToken ct) =>
            Task.FromResult(_keys.Add(order.IdempotencyKey)
                ? new RetrainingLaunch(RetrainingLaunchStatus.Queued, $"spot-{_keys.Count}")
                : new RetrainingLaunch(RetrainingLaunchStatus.AlreadyQueued, "spot-1"));
    }
}
