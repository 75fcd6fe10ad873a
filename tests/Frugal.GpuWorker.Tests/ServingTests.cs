using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Frugal.GpuWorker.Tests;

/// <summary>Batching, the result cache, new versions and the metrics, on a real worker serving the test MLP.</summary>
public sealed partial class ServingTests
{
    private readonly MlpModel mlp = new(features: 16, hidden: 64, classes: 5);

    [Fact]
    public async Task Infer_ConcurrentSingleRows_AreJoinedIntoBatchesAndAnsweredCorrectly()
    {
        using var repository = new TempFolder();
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        await using var worker = await RunningWorker.StartAsync(repository.FullPath, new Dictionary<string, string?>
        {
            ["GpuWorker:MaxBatchSize"] = "16",
            ["GpuWorker:MaxQueueDelayMilliseconds"] = "1000",
            ["GpuWorker:ResultCacheBytes"] = "0",
        });
        await worker.GetAsync("/v2/models/mlp/ready");
        const int requests = 64;
        var rows = MlpModel.Rows(requests, mlp.Features, seed: 11);

        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(i =>
            worker.PostAsync("/v2/models/mlp/infer", Request(rows[(i * mlp.Features)..((i + 1) * mlp.Features)], 1))));

        for (var i = 0; i < requests; i++)
        {
            Assert.Equal(200, answers[i].Status);
            AssertClose(mlp.Predict(rows.AsSpan(i * mlp.Features, mlp.Features)), Logits(answers[i].Body));
        }

        var metrics = await worker.MetricsAsync();
        var runs = Sample(metrics, "frugal_gpu_inferences_total{model=\"mlp\"}");
        var rowsRun = Sample(metrics, "frugal_gpu_batch_size_sum{model=\"mlp\"}");
        Assert.Equal(requests, rowsRun);
        Assert.True(runs <= requests / 4, $"{runs} runs for {requests} concurrent requests: too few were joined");
        Assert.True(Sample(metrics, "frugal_gpu_batch_size_bucket{model=\"mlp\",le=\"8\"}") < runs);
    }

    [Fact]
    public async Task Infer_BatchOfRows_MatchesReferenceForEveryRow()
    {
        using var repository = new TempFolder();
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        await using var worker = await RunningWorker.StartAsync(repository.FullPath);
        var rows = MlpModel.Rows(32, mlp.Features, seed: 3);

        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", Request(rows, 32));

        Assert.Equal(200, status);
        var logits = Logits(body);
        for (var r = 0; r < 32; r++)
        {
            var expected = mlp.Predict(rows.AsSpan(r * mlp.Features, mlp.Features));
            AssertClose(expected, logits.AsSpan(r * mlp.Classes, mlp.Classes));
        }
    }

    [Fact]
    public async Task Infer_SameRequestTwice_SecondIsAnsweredFromTheCache()
    {
        using var repository = new TempFolder();
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        await using var worker = await RunningWorker.StartAsync(repository.FullPath);
        var row = MlpModel.Rows(1, mlp.Features, seed: 5);
        var other = MlpModel.Rows(1, mlp.Features, seed: 6);

        var first = await worker.PostAsync("/v2/models/mlp/infer", Request(row, 1));
        var second = await worker.PostAsync("/v2/models/mlp/infer", Request(row, 1));
        var third = await worker.PostAsync("/v2/models/mlp/infer", Request(other, 1));

        Assert.False(first.Body!["parameters"]!["cached"]!.GetValue<bool>());
        Assert.True(second.Body!["parameters"]!["cached"]!.GetValue<bool>());
        Assert.False(third.Body!["parameters"]!["cached"]!.GetValue<bool>());
        Assert.Equal(Logits(first.Body), Logits(second.Body));
        var metrics = await worker.MetricsAsync();
        Assert.Equal(1, Sample(metrics, "frugal_gpu_result_cache_hits_total"));
        Assert.Equal(2, Sample(metrics, "frugal_gpu_result_cache_misses_total"));
        Assert.Equal(1, Sample(metrics, "frugal_gpu_predictions_total{model=\"mlp\",source=\"cache\"}"));
    }

    [Fact]
    public async Task Infer_NewVersionAddedWhileRunning_IsServedWithoutRestart()
    {
        using var repository = new TempFolder();
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        await using var worker = await RunningWorker.StartAsync(repository.FullPath);
        var row = MlpModel.Rows(1, mlp.Features, seed: 9);
        var before = await worker.PostAsync("/v2/models/mlp/infer", Request(row, 1));
        var retrained = new MlpModel(features: 16, hidden: 64, classes: 5, seed: 99);

        retrained.WriteTo(repository.FullPath, "mlp", "2");
        var after = await worker.PostAsync("/v2/models/mlp/infer", Request(row, 1));
        var pinned = await worker.PostAsync("/v2/models/mlp/versions/1/infer", Request(row, 1));
        var (_, metadata) = await worker.GetAsync("/v2/models/mlp");

        Assert.Equal("1", before.Body!["model_version"]!.GetValue<string>());
        Assert.Equal("2", after.Body!["model_version"]!.GetValue<string>());
        AssertClose(retrained.Predict(row), Logits(after.Body));
        Assert.Equal(Logits(before.Body), Logits(pinned.Body));
        Assert.Equal(["1", "2"], metadata!["versions"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task Health_Ready_ReportsTheProviderInBodyHeaderAndMetrics()
    {
        using var repository = new TempFolder();
        await using var worker = await RunningWorker.StartAsync(repository.FullPath);

        using var response = await worker.Client.GetAsync("/v2/health/ready", TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var metrics = await worker.MetricsAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("CPU", body!["provider"]!.GetValue<string>());
        Assert.Equal("CPU", response.Headers.GetValues("X-Frugal-Provider").Single());
        Assert.Equal(1, Sample(metrics, "frugal_gpu_provider_info{provider=\"CPU\"}"));
    }

    [Fact]
    public async Task Metadata_ServerAndModel_FollowTheProtocol()
    {
        using var repository = new TempFolder();
        mlp.WriteTo(repository.FullPath, "mlp", "3");
        await using var worker = await RunningWorker.StartAsync(repository.FullPath);

        var (serverStatus, server) = await worker.GetAsync("/v2");
        var (modelStatus, model) = await worker.GetAsync("/v2/models/mlp/versions/3");
        var (readyStatus, ready) = await worker.GetAsync("/v2/models/mlp/versions/3/ready");

        Assert.Equal(200, serverStatus);
        Assert.Equal("frugal-gpu-worker", server!["name"]!.GetValue<string>());
        Assert.Equal(200, modelStatus);
        Assert.Equal("features", model!["inputs"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("FP32", model["inputs"]![0]!["datatype"]!.GetValue<string>());
        Assert.Equal([-1L, 16L], model["inputs"]![0]!["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
        Assert.Equal(200, readyStatus);
        Assert.True(ready!["ready"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Metrics_WithHourlyPrice_ExportCostPerThousandPredictions()
    {
        using var repository = new TempFolder();
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        await using var worker = await RunningWorker.StartAsync(repository.FullPath, new Dictionary<string, string?>
        {
            ["GpuWorker:HourlyPrice"] = "3.60",
            ["GpuWorker:Currency"] = "EUR",
        });

        await worker.PostAsync("/v2/models/mlp/infer", Request(MlpModel.Rows(8, mlp.Features, seed: 1), 8));
        var metrics = await worker.MetricsAsync();

        Assert.True(Sample(metrics, "frugal_gpu_cost_per_1000_predictions{currency=\"EUR\",basis=\"busy\"}") > 0);
        Assert.True(Sample(metrics, "frugal_gpu_cost_per_1000_predictions{currency=\"EUR\",basis=\"uptime\"}") > 0);
        Assert.True(Sample(metrics, "frugal_gpu_busy_seconds_total") > 0);
        Assert.Equal(1, Sample(metrics, "frugal_gpu_requests_total{endpoint=\"infer\",code=\"200\"}"));
    }

    private object Request(float[] rows, int count) => new
    {
        inputs = new[]
        {
            new { name = "features", shape = new[] { count, mlp.Features }, datatype = "FP32", data = rows },
        },
    };

    private static float[] Logits(JsonNode? body) =>
        body!["outputs"]![0]!["data"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                string.Create(CultureInfo.InvariantCulture, $"logit {i}: {actual[i]} against {expected[i]}"));
        }
    }

    private static double Sample(string metrics, string series)
    {
        var match = Regex.Match(metrics, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"series {series} is missing from /metrics");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
