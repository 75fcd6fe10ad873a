using Frugal.GpuWorker.Jobs;

namespace Frugal.GpuWorker.Tests;

/// <summary>Models served from an Azure Blob container on Azurite.</summary>
public sealed class BlobRepositoryTests
{
    private readonly MlpModel mlp = new(features: 6, hidden: 16, classes: 4);
    private readonly string containerName = "models-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Infer_ModelInABlobContainer_IsServedAndNewVersionsArePickedUp()
    {
        await Azurite.RequireAsync();
        var container = Azurite.Container(containerName);
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await container.GetBlobClient("prod/mlp/1/model.onnx").UploadAsync(
            BinaryData.FromBytes(mlp.ToBytes()), TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["GpuWorker:StorageConnectionString"] = Azurite.ConnectionString,
        };
        await using var worker = await RunningWorker.StartAsync($"azblob://{containerName}/prod", settings);
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
        var (readyStatus, _) = await worker.GetAsync("/v2/health/ready");

        Assert.Equal(200, firstStatus);
        Assert.Equal("1", first!["model_version"]!.GetValue<string>());
        Assert.Equal("2", quantized.Version);
        Assert.True(await container.GetBlobClient("prod/mlp/2/model.onnx")
            .ExistsAsync(TestContext.Current.CancellationToken));
        Assert.True(await container.GetBlobClient("prod/mlp/2/quantization-report.json")
            .ExistsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(200, secondStatus);
        Assert.Equal("2", second!["model_version"]!.GetValue<string>());
        Assert.Equal(200, readyStatus);
        await container.DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);
    }
}
