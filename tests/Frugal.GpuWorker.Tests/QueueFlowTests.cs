using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Frugal.GpuWorker.Jobs;
using Frugal.GpuWorker.Telemetry;

namespace Frugal.GpuWorker.Tests;

/// <summary>Jobs through real Azure Storage queues and blobs on Azurite, end to end.</summary>
public sealed class QueueFlowTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder repository = new();
    private readonly MlpModel mlp = new(features: 6, hidden: 16, classes: 4);
    private readonly string queueName = "jobs-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string containerName = "data-" + Guid.NewGuid().ToString("N")[..12];
    private RunningWorker? worker;

    public async ValueTask DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        repository.Dispose();
    }

    [Fact]
    public async Task Queue_InferJobOnABlob_WritesOutputBesideItAndPostsTheResult()
    {
        await Azurite.RequireAsync();
        var input = await UploadAsync("batches/rows.jsonl", "[1,2,3,4,5,6]\n[0,0,0,0,0,0]\n[6,5,4,3,2,1]\n");
        await StartWorkerAsync();

        await SendAsync(queueName, Job("blob-1", input));
        var result = await NextResultAsync();

        Assert.Equal("blob-1", result["id"]!.GetValue<string>());
        Assert.Equal("succeeded", result["status"]!.GetValue<string>());
        Assert.Equal(3, result["predictions"]!.GetValue<long>());
        Assert.Equal("1", result["version"]!.GetValue<string>());
        Assert.True(result["gpuSeconds"]!.GetValue<double>() > 0);
        var output = Azurite.Container(containerName).GetBlobClient("batches/rows.blob-1.out.jsonl");
        var lines = (await output.DownloadContentAsync(TestContext.Current.CancellationToken)).Value.Content
            .ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(mlp.Predict([6, 5, 4, 3, 2, 1])[0], JsonNode.Parse(lines[2])!["logits"]![0]!.GetValue<float>(), 4);
        await AssertQueueEmptyAsync(queueName);
    }

    [Fact]
    public async Task Queue_HighPriorityJob_IsTakenBeforeNormalOnes()
    {
        await Azurite.RequireAsync();
        var input = await UploadAsync("rows.jsonl", "[1,2,3,4,5,6]\n");
        await SendAsync(queueName, Job("normal", input));
        await SendAsync(queueName + "-high", Job("urgent", input));

        await StartWorkerAsync();
        var first = await NextResultAsync();
        var second = await NextResultAsync();

        Assert.Equal("urgent", first["id"]!.GetValue<string>());
        Assert.Equal("normal", second["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Queue_MessageThatIsNotAJob_GoesToThePoisonQueueWithTheReason()
    {
        await Azurite.RequireAsync();
        await StartWorkerAsync();

        await SendAsync(queueName, "please run my model");
        var poisoned = await NextMessageAsync(queueName + "-poison");

        Assert.Equal("please run my model", poisoned["message"]!.GetValue<string>());
        Assert.StartsWith("the message is not a job", poisoned["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertQueueEmptyAsync(queueName);
    }

    [Fact]
    public async Task Queue_JobFailingEveryAttempt_IsPoisonedAfterMaxAttemptsAndReportedFailed()
    {
        await Azurite.RequireAsync();
        Directory.CreateDirectory(repository.Combine("broken", "1"));
        await File.WriteAllTextAsync(repository.Combine("broken", "1", "model.onnx"), "truncated",
            TestContext.Current.CancellationToken);
        var input = await UploadAsync("rows.jsonl", "[1,2,3,4,5,6]\n");
        await StartWorkerAsync();

        await SendAsync(queueName, Job("doomed", input, model: "broken"));
        var poisoned = await NextMessageAsync(queueName + "-poison");
        var result = await NextResultAsync();

        Assert.Equal(2, poisoned["attempts"]!.GetValue<int>());
        Assert.Contains("failed 2 times", poisoned["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("cannot be loaded", poisoned["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("failed", result["status"]!.GetValue<string>());
        Assert.Equal("doomed", result["id"]!.GetValue<string>());
        await AssertQueueEmptyAsync(queueName);
    }

    [Fact]
    public async Task Queue_MessageRedeliveredAfterACrashedWorker_IsRunOnceAndCountedOnce()
    {
        await Azurite.RequireAsync();
        var input = await UploadAsync("rows.jsonl", "[1,2,3,4,5,6]\n[6,5,4,3,2,1]\n");
        await SendAsync(queueName, Job("again", input));
        await Queue(queueName).ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        await StartWorkerAsync();
        var first = await NextResultAsync();
        await SendAsync(queueName, Job("again", input));
        var second = await NextResultAsync();

        Assert.Equal(2, first["attempts"]!.GetValue<int>());
        Assert.False(first["duplicate"]!.GetValue<bool>());
        Assert.True(second["duplicate"]!.GetValue<bool>());
        Assert.Equal(2, second["predictions"]!.GetValue<long>());
        Assert.Equal(2, worker!.Service<WorkerMetrics>().PredictionTotal);
        await AssertQueueEmptyAsync(queueName);
    }

    [Fact]
    public async Task Queue_QuantizeJobOnAModelThatIsNotOnnx_ReportsAFailedJobWithTheReason()
    {
        await Azurite.RequireAsync();
        Directory.CreateDirectory(repository.Combine("text", "1"));
        await File.WriteAllTextAsync(repository.Combine("text", "1", "model.onnx"), "hello",
            TestContext.Current.CancellationToken);
        await StartWorkerAsync();

        await SendAsync(queueName, """{"id":"q-text","kind":"quantize","model":"text","precision":"int8"}""");
        var result = await NextResultAsync();

        Assert.Equal("failed", result["status"]!.GetValue<string>());
        Assert.StartsWith("model 'text' version 1 is not an ONNX model", result["error"]!.GetValue<string>(),
            StringComparison.Ordinal);
        await AssertQueueEmptyAsync(queueName);
    }

    [Fact]
    public async Task Shutdown_DuringAJobWithinItsGrace_FinishesTheJobFirst()
    {
        await Azurite.RequireAsync();
        var input = await UploadAsync("big.jsonl", BigInput(100_000));
        await StartWorkerAsync(stopGraceSeconds: 120);
        await SendAsync(queueName, Job("finish-me", input));
        await WaitUntilTakenAsync(queueName);

        await worker!.App.StopAsync(TestContext.Current.CancellationToken);
        var result = await NextResultAsync();

        Assert.Equal("finish-me", result["id"]!.GetValue<string>());
        Assert.Equal(100_000, result["predictions"]!.GetValue<long>());
        await AssertQueueEmptyAsync(queueName);
    }

    [Fact]
    public async Task Shutdown_DuringAJobPastItsGrace_HandsTheMessageBack()
    {
        await Azurite.RequireAsync();
        var input = await UploadAsync("big.jsonl", BigInput(400_000));
        await StartWorkerAsync(stopGraceSeconds: 0);
        await SendAsync(queueName, Job("hand-back", input));
        await WaitUntilTakenAsync(queueName);

        await worker!.App.StopAsync(TestContext.Current.CancellationToken);
        var visible = await Queue(queueName).PeekMessagesAsync(1, TestContext.Current.CancellationToken);

        Assert.Single(visible.Value);
        Assert.Contains("hand-back", visible.Value[0].Body.ToString(), StringComparison.Ordinal);
        var results = Queue(queueName + "-results");
        Assert.Empty((await results.PeekMessagesAsync(1, TestContext.Current.CancellationToken)).Value);
    }

    private static string BigInput(int rows) =>
        string.Concat(Enumerable.Repeat("[0.5,1,1.5,2,2.5,3]\n", rows));

    /// <summary>Waits until the worker has received the only message: it is no longer visible.</summary>
    private static async Task WaitUntilTakenAsync(string name)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var visible = await Queue(name).PeekMessagesAsync(1, TestContext.Current.CancellationToken);
            if (visible.Value.Length == 0)
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"the worker did not take the message on {name} within {Patience}");
    }

    private async Task StartWorkerAsync(double stopGraceSeconds = 20)
    {
        mlp.WriteTo(repository.FullPath, "mlp", "1");
        worker = await RunningWorker.StartAsync(repository.FullPath, new Dictionary<string, string?>
        {
            ["GpuWorker:Jobs:StopGraceSeconds"] = stopGraceSeconds.ToString(CultureInfo.InvariantCulture),
            ["GpuWorker:Jobs:ConnectionString"] = Azurite.ConnectionString,
            ["GpuWorker:Jobs:QueueName"] = queueName,
            ["GpuWorker:Jobs:ResultQueueName"] = queueName + "-results",
            ["GpuWorker:Jobs:MaxAttempts"] = "2",
            ["GpuWorker:Jobs:RetryDelaySeconds"] = "0",
            ["GpuWorker:Jobs:PollIntervalSeconds"] = "0.1",
            ["GpuWorker:Jobs:VisibilityTimeoutSeconds"] = "3",
            ["GpuWorker:HourlyPrice"] = "1.20",
        });
    }

    private async Task<string> UploadAsync(string name, string content)
    {
        var container = Azurite.Container(containerName);
        await container.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(content), overwrite: true, TestContext.Current.CancellationToken);
        return blob.Uri.ToString();
    }

    private static string Job(string id, string input, string model = "mlp") =>
        $$"""{"id":"{{id}}","kind":"infer","model":"{{model}}","input":"{{input}}","priority":"normal"}""";

    private static async Task SendAsync(string queueName, string text)
    {
        var queue = Queue(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: TestContext.Current.CancellationToken);
        await queue.SendMessageAsync(text, TestContext.Current.CancellationToken);
    }

    private static QueueClient Queue(string name, bool base64 = false) => new(Azurite.ConnectionString, name,
        new QueueClientOptions { MessageEncoding = base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None });

    private Task<JsonNode> NextResultAsync() => NextMessageAsync(queueName + "-results");

    private static async Task<JsonNode> NextMessageAsync(string queueName)
    {
        var queue = Queue(queueName, base64: true);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await queue.ExistsAsync(TestContext.Current.CancellationToken))
            {
                var received = await queue.ReceiveMessagesAsync(
                    1, cancellationToken: TestContext.Current.CancellationToken);
                if (received.Value.Length == 1)
                {
                    var message = received.Value[0];
                    await queue.DeleteMessageAsync(
                        message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
                    return JsonNode.Parse(Encoding.UTF8.GetString(message.Body.ToArray()))!;
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"no message arrived on {queueName} within {Patience}");
    }

    private static async Task AssertQueueEmptyAsync(string name)
    {
        var properties = await Queue(name).GetPropertiesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, properties.Value.ApproximateMessagesCount);
    }
}
