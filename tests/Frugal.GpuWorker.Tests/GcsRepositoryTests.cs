using Frugal.GpuWorker.Jobs;
using Frugal.ModelRegistry.Tests;

namespace Frugal.GpuWorker.Tests;

/// <summary>Models served from a Cloud Storage bucket, on the strict local GCS stand-in.</summary>
public sealed class GcsRepositoryTests
{
    private readonly MlpModel mlp = new(features: 6, hidden: 16, classes: 4);

    [Fact]
    public async Task Infer_ModelInABucket_IsServedAndAQuantizedVersionIsWrittenBack()
    {
        await using var gcs = await GcsStandIn.StartAsync(TestContext.Current.CancellationToken);
        gcs.Put("prod/mlp/1/model.onnx", 0, content: mlp.ToBytes());
        gcs.Put("prod/mlp/notes.txt", 3);
        gcs.Put("prod/.hidden/1/model.onnx", 3);
        var settings = new Dictionary<string, string?> { ["GpuWorker:GcsEndpoint"] = gcs.BaseUri };
        await using var worker = await RunningWorker.StartAsync($"gs://{gcs.Bucket}/prod", settings);
        var request = new
        {
            inputs = new[]
            {
                new { name = "features", shape = new[] { 1, 6 }, datatype = "FP32", data = new float[6] },
            },
        };

        var (firstStatus, first) = await worker.PostAsync("/v2/models/mlp/infer", request);
        var job = new JobMessage { Id = "to-int8", Kind = "quantize", Model = "mlp" };
        var quantized = await worker.Service<JobRunner>().RunAsync(job, 1, TestContext.Current.CancellationToken);
        var (secondStatus, second) = await worker.PostAsync("/v2/models/mlp/infer", request);

        Assert.Equal(200, firstStatus);
        Assert.Equal("1", first!["model_version"]!.GetValue<string>());
        Assert.Equal("2", quantized.Version);
        Assert.NotNull(gcs.ContentOf("prod/mlp/2/model.onnx"));
        Assert.NotNull(gcs.ContentOf("prod/mlp/2/quantization-report.json"));
        Assert.NotEqual(mlp.ToBytes(), gcs.ContentOf("prod/mlp/2/model.onnx"));
        Assert.Equal(200, secondStatus);
        Assert.Equal("2", second!["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListModelsAndVersions_ReadOnlyWellFormedModelFilesUnderThePrefix()
    {
        await using var gcs = await GcsStandIn.StartAsync(TestContext.Current.CancellationToken);
        gcs.PageSize = 2;
        foreach (var name in new[]
        {
            "prod/mlp/1/model.onnx", "prod/mlp/10/model.onnx", "prod/mlp/2/model.onnx", "prod/mlp/3/report.json",
            "prod/mlp/01/model.onnx", "prod/bert/7/model.onnx", "prod/.hidden/1/model.onnx", "prod/x/model.onnx",
            "staging/other/1/model.onnx",
        })
        {
            gcs.Put(name, 1);
        }

        var client = new Google.Cloud.Storage.V1.StorageClientBuilder
        {
            BaseUri = gcs.BaseUri, UnauthenticatedAccess = true,
        }.Build();
        var repository = new Repository.GcsModelRepository(client, gcs.Bucket, "prod");

        var models = await repository.ListModelsAsync(TestContext.Current.CancellationToken);
        var versions = await repository.ListVersionsAsync("mlp", TestContext.Current.CancellationToken);
        var missing = await repository.ReadAsync("mlp", "3", "model.onnx", TestContext.Current.CancellationToken);

        Assert.Equal(["bert", "mlp"], models);
        Assert.Equal(["1", "2", "10"], versions);
        Assert.Null(missing);
        Assert.Equal("gs://models/prod/", repository.Location);
    }

    [Fact]
    public async Task Infer_UnknownModelInABucket_AnswersTheProtocolsNotFound()
    {
        await using var gcs = await GcsStandIn.StartAsync(TestContext.Current.CancellationToken);
        gcs.Put("mlp/1/model.onnx", 0, content: mlp.ToBytes());
        var settings = new Dictionary<string, string?> { ["GpuWorker:GcsEndpoint"] = gcs.BaseUri };
        await using var worker = await RunningWorker.StartAsync($"gs://{gcs.Bucket}", settings);

        var (status, body) = await worker.GetAsync("/v2/models/absent/ready");
        var (knownStatus, _) = await worker.GetAsync("/v2/models/mlp/versions/1/ready");

        Assert.Equal(404, status);
        Assert.NotNull(body?["error"]);
        Assert.Equal(200, knownStatus);
    }
}
