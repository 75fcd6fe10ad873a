using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Frugal.GpuWorker.Tests;

/// <summary>Bad input gets the protocol's error body and leaves the server serving.</summary>
public sealed class ProtocolErrorTests : IAsyncLifetime
{
    private readonly TempFolder repository = new();
    private readonly MlpModel mlp = new(features: 4, hidden: 8, classes: 3);
    private RunningWorker worker = null!;

    public async ValueTask InitializeAsync()
    {
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        Directory.CreateDirectory(repository.Combine("broken", "1"));
        await File.WriteAllTextAsync(repository.Combine("broken", "1", "model.onnx"), "not an onnx model at all");
        worker = await RunningWorker.StartAsync(repository.FullPath, new Dictionary<string, string?>
        {
            ["GpuWorker:MaxRequestBytes"] = "4096",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await worker.DisposeAsync();
        repository.Dispose();
    }

    [Fact]
    public async Task Infer_WrongShape_Returns400NamingTheShape()
    {
        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", Request([1, 5], "FP32", new float[5]));

        Assert.Equal(400, status);
        Assert.Contains("shape [1,5]", Error(body), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Infer_WrongDatatype_Returns400NamingTheDatatype()
    {
        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", Request([1, 4], "INT64", new long[4]));

        Assert.Equal(400, status);
        Assert.Contains("datatype INT64", Error(body), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Infer_DataCountNotMatchingShape_Returns400()
    {
        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", Request([2, 4], "FP32", new float[4]));

        Assert.Equal(400, status);
        Assert.Contains("needs 8", Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_UnknownDatatypeName_Returns400()
    {
        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", Request([1, 4], "FLOAT", new float[4]));

        Assert.Equal(400, status);
        Assert.Contains("'FLOAT' is not supported", Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_BodyOverTheLimit_Returns413()
    {
        var (status, body) = await worker.PostAsync(
            "/v2/models/mlp/infer", Request([1000, 4], "FP32", new float[4000]));

        Assert.Equal(413, status);
        Assert.Contains("over the limit of 4096 bytes", Error(body), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Infer_ChunkedBodyOverTheLimit_Returns413()
    {
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            Request([1000, 4], "FP32", new float[4000])))!.ToJsonString();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/mlp/infer") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await worker.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(413, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("over the limit", Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_InvalidJson_Returns400()
    {
        using var content = new StringContent("{\"inputs\": [", Encoding.UTF8, "application/json");

        var (status, body) = await worker.PostRawAsync("/v2/models/mlp/infer", content);

        Assert.Equal(400, status);
        Assert.Contains("not valid JSON", Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_UnknownModel_Returns404()
    {
        var (status, body) = await worker.PostAsync("/v2/models/nothing/infer", Request([1, 4], "FP32", new float[4]));

        Assert.Equal(404, status);
        Assert.Equal("unknown model 'nothing'", Error(body));
    }

    [Fact]
    public async Task Infer_UnknownVersion_Returns404()
    {
        var (status, body) = await worker.PostAsync(
            "/v2/models/mlp/versions/9/infer", Request([1, 4], "FP32", new float[4]));

        Assert.Equal(404, status);
        Assert.Equal("model 'mlp' has no version '9'", Error(body));
    }

    [Fact]
    public async Task Infer_CorruptModelFile_Returns500AndKeepsServing()
    {
        var (status, body) = await worker.PostAsync("/v2/models/broken/infer", Request([1, 4], "FP32", new float[4]));

        Assert.Equal(500, status);
        Assert.StartsWith("model 'broken' version 1 cannot be loaded", Error(body), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task ModelReady_CorruptModelFile_Returns400NotReady()
    {
        var (status, body) = await worker.GetAsync("/v2/models/broken/ready");

        Assert.Equal(400, status);
        Assert.False(body!["ready"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Infer_UnknownOutputName_Returns400()
    {
        var request = new
        {
            inputs = new[]
            {
                new { name = "features", shape = new[] { 1, 4 }, datatype = "FP32", data = new float[4] },
            },
            outputs = new[] { new { name = "nope" } },
        };

        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", request);

        Assert.Equal(400, status);
        Assert.Equal("model 'mlp' has no output 'nope'", Error(body));
    }

    private static object Request<T>(int[] shape, string datatype, T[] data) =>
        new { inputs = new[] { new { name = "features", shape, datatype, data } } };

    private static string Error(JsonNode? body) => body!["error"]!.GetValue<string>();

    private async Task AssertStillServingAsync()
    {
        var (live, _) = await worker.GetAsync("/v2/health/live");
        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", Request([1, 4], "FP32", new float[4]));
        Assert.Equal(200, live);
        Assert.Equal(200, status);
        Assert.Equal(3, body!["outputs"]![0]!["data"]!.AsArray().Count);
    }
}
