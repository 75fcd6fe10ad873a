using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Frugal.GpuWorker.Jobs;
using Frugal.GpuWorker.Quantization;
using Frugal.GpuWorker.Telemetry;

namespace Frugal.GpuWorker.Tests;

/// <summary>Batch jobs on local files, run by the worker's job runner without a queue.</summary>
public sealed class JobRunnerTests : IAsyncLifetime
{
    private readonly TempFolder repository = new();
    private readonly TempFolder data = new();
    private readonly MlpModel mlp = new(features: 6, hidden: 16, classes: 4);
    private RunningWorker worker = null!;

    public async ValueTask InitializeAsync()
    {
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        worker = await RunningWorker.StartAsync(repository.FullPath, new Dictionary<string, string?>
        {
            ["GpuWorker:HourlyPrice"] = "2.50",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await worker.DisposeAsync();
        repository.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task RunAsync_JsonLinesInput_WritesOneOutputLinePerRowBesideTheInput()
    {
        var rows = MlpModel.Rows(300, mlp.Features, seed: 4);
        var input = data.Combine("rows.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, 300).Select(r =>
            "[" + string.Join(",", rows.Skip(r * mlp.Features).Take(mlp.Features).Select(Invariant)) + "]"),
            TestContext.Current.CancellationToken);

        var result = await Runner.RunAsync(Job("j1", input), 1, TestContext.Current.CancellationToken);

        Assert.Equal("succeeded", result.Status);
        Assert.Equal(300, result.Predictions);
        Assert.Equal("1", result.Version);
        Assert.Equal(data.Combine("rows.j1.out.jsonl"), result.Output);
        Assert.True(result.CostPer1000 > 0);
        Assert.Equal("USD", result.Currency);
        var lines = await File.ReadAllLinesAsync(result.Output!, TestContext.Current.CancellationToken);
        Assert.Equal(300, lines.Length);
        var last = JsonNode.Parse(lines[299])!;
        Assert.Equal(299, last["row"]!.GetValue<int>());
        var expected = mlp.Predict(rows.AsSpan(299 * mlp.Features, mlp.Features));
        var actual = last["logits"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-4));
    }

    [Fact]
    public async Task RunAsync_CsvWithHeader_ReadsEveryRow()
    {
        var input = data.Combine("rows.csv");
        string[] csv = ["a,b,c,d,e,f", "1,2,3,4,5,6", "0.5,0,0,0,0,-1"];
        await File.WriteAllLinesAsync(input, csv, TestContext.Current.CancellationToken);

        var result = await Runner.RunAsync(Job("csv", input), 1, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Predictions);
        var lines = await File.ReadAllLinesAsync(result.Output!, TestContext.Current.CancellationToken);
        var first = JsonNode.Parse(lines[0]);
        Assert.Equal(mlp.Predict([1, 2, 3, 4, 5, 6])[0], first!["logits"]![0]!.GetValue<float>(), 4);
    }

    [Fact]
    public async Task RunAsync_NpyInput_ReadsTheArrayRows()
    {
        var rows = MlpModel.Rows(10, mlp.Features, seed: 8);
        var input = data.Combine("rows.npy");
        var npy = NpyFile.Float32(rows, 10, mlp.Features);
        await File.WriteAllBytesAsync(input, npy, TestContext.Current.CancellationToken);

        var result = await Runner.RunAsync(Job("npy", input), 1, TestContext.Current.CancellationToken);

        Assert.Equal(10, result.Predictions);
        var lines = await File.ReadAllLinesAsync(result.Output!, TestContext.Current.CancellationToken);
        var tenth = JsonNode.Parse(lines[9]);
        var expected = mlp.Predict(rows.AsSpan(9 * mlp.Features, mlp.Features))[2];
        Assert.Equal(expected, tenth!["logits"]![2]!.GetValue<float>(), 4);
    }

    [Fact]
    public async Task RunAsync_SameJobIdTwice_WritesOnceAndCountsOnce()
    {
        var input = data.Combine("rows.jsonl");
        await File.WriteAllTextAsync(input, "[1,2,3,4,5,6]\n[6,5,4,3,2,1]\n", TestContext.Current.CancellationToken);
        var metrics = worker.Service<WorkerMetrics>();
        var first = await Runner.RunAsync(Job("twice", input), 1, TestContext.Current.CancellationToken);
        var written = File.GetLastWriteTimeUtc(first.Output!);
        var counted = metrics.PredictionTotal;

        var second = await Runner.RunAsync(Job("twice", input), 2, TestContext.Current.CancellationToken);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(first.Predictions, second.Predictions);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Output!));
        Assert.Equal(counted, metrics.PredictionTotal);
    }

    [Fact]
    public async Task RunAsync_RowOfTheWrongWidth_FailsNamingTheRow()
    {
        var input = data.Combine("bad.jsonl");
        await File.WriteAllTextAsync(input, "[1,2,3,4,5,6]\n[1,2]\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<JobInputException>(() =>
            Runner.RunAsync(Job("bad", input), 1, TestContext.Current.CancellationToken));

        Assert.Equal($"{input}: row 2 has 2 values for input 'features', not 6", error.Message);
    }

    [Fact]
    public async Task RunAsync_UnknownExtension_FailsNamingTheFormats()
    {
        var input = data.Combine("rows.parquet");
        await File.WriteAllTextAsync(input, "x", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<JobInputException>(() =>
            Runner.RunAsync(Job("pq", input), 1, TestContext.Current.CancellationToken));

        Assert.Contains(".jsonl, .ndjson, .csv or .npy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_QuantizeJobOnAFileThatIsNotOnnx_FailsWithTheReason()
    {
        Directory.CreateDirectory(repository.Combine("csv-model", "1"));
        await File.WriteAllTextAsync(repository.Combine("csv-model", "1", "model.onnx"), "a,b\n1,2\n",
            TestContext.Current.CancellationToken);
        var job = new JobMessage { Id = "q1", Kind = "quantize", Model = "csv-model" };

        var error = await Assert.ThrowsAsync<QuantizationException>(() =>
            Runner.RunAsync(job, 1, TestContext.Current.CancellationToken));

        Assert.StartsWith("model 'csv-model' version 1 is not an ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_QuantizeJob_CreatesTheNextVersionAndWritesTheReport()
    {
        var report = data.Combine("report.json");
        var job = new JobMessage { Id = "q2", Kind = "quantize", Model = "mlp", Precision = "int8", Output = report };

        var result = await Runner.RunAsync(job, 1, TestContext.Current.CancellationToken);

        Assert.Equal("succeeded", result.Status);
        Assert.Equal("2", result.Version);
        Assert.Equal(report, result.Report);
        Assert.True(File.Exists(repository.Combine("mlp", "2", "model.onnx")));
        var (status, body) = await worker.PostAsync("/v2/models/mlp/infer", new
        {
            inputs = new[]
            {
                new { name = "features", shape = new[] { 1, 6 }, datatype = "FP32", data = new float[6] },
            },
        });
        Assert.Equal(200, status);
        Assert.Equal("2", body!["model_version"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_Cancelled_WritesNoOutputAndNoRecord()
    {
        var input = data.Combine("rows.jsonl");
        await File.WriteAllTextAsync(input, "[1,2,3,4,5,6]\n", TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Runner.RunAsync(Job("c", input), 1, cancelled.Token));

        Assert.False(File.Exists(data.Combine("rows.c.out.jsonl")));
        Assert.False(File.Exists(repository.Combine("mlp", JobRunner.RecordFolder, "c.json")));
    }

    private JobRunner Runner => worker.Service<JobRunner>();

    private static JobMessage Job(string id, string input) =>
        new() { Id = id, Kind = "infer", Model = "mlp", Input = input };

    private static string Invariant(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
