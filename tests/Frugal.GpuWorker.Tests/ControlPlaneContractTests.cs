using System.Globalization;
using Azure.Storage.Queues;
using Frugal.Azure;
using Frugal.Engine.GpuJobs;

namespace Frugal.GpuWorker.Tests;

/// <summary>
/// The control plane and the worker against one Azurite: a job the control plane checks and sends is read and run
/// by the real worker, and the result the worker posts is read by the control plane's result reader.
/// </summary>
public sealed class ControlPlaneContractTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder repository = new();
    private readonly TempFolder data = new();
    private readonly string queueName = "cp-" + Guid.NewGuid().ToString("N")[..12];
    private RunningWorker? worker;

    public async ValueTask DisposeAsync()
    {
        if (worker is not null)
        {
            await worker.DisposeAsync();
        }

        repository.Dispose();
        data.Dispose();
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("high")]
    public async Task JobSentByTheControlPlane_IsRunByTheWorker_AndItsResultReadBack(string priority)
    {
        await Azurite.RequireAsync();
        new MlpModel(features: 6, hidden: 16, classes: 4).WriteTo(repository.FullPath, "mlp", "1");
        var input = data.Combine("rows.jsonl");
        await File.WriteAllTextAsync(input, "[1,2,3,4,5,6]\n[0,0,0,0,0,0]\n[6,5,4,3,2,1]\n",
            TestContext.Current.CancellationToken);
        var request = GpuJobRules.Check(new GpuJobDraft
        {
            Id = "cp-" + priority, Kind = "infer", Model = "mlp", Input = input, Priority = priority, Budget = "b",
        }, ["b"]).RequestOrThrow("test");
        await StartWorkerAsync();

        await new AzureGpuJobQueue(Azurite.ConnectionString, queueName, TimeSpan.FromSeconds(30))
            .SendAsync(GpuJobMessage.From(request), TestContext.Current.CancellationToken);
        var result = GpuJobResultReader.Read(await NextResultAsync());

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(("cp-" + priority, "mlp", "1"), (result.Id, result.Model, result.Version));
        Assert.Equal(3, result.Predictions);
        Assert.True(result.GpuSeconds > 0);
        Assert.Equal("USD", result.Cost.Currency.Code);
        Assert.Equal(result.Cost.Amount * 1000m / 3, result.CostPerThousand!.Value.Amount);
        Assert.True(File.Exists(data.Combine($"rows.cp-{priority}.out.jsonl")));
    }

    private async Task StartWorkerAsync()
    {
        worker = await RunningWorker.StartAsync(repository.FullPath, new Dictionary<string, string?>
        {
            ["GpuWorker:Jobs:ConnectionString"] = Azurite.ConnectionString,
            ["GpuWorker:Jobs:QueueName"] = queueName,
            ["GpuWorker:Jobs:ResultQueueName"] = queueName + "-results",
            ["GpuWorker:Jobs:PollIntervalSeconds"] = "0.1",
            ["GpuWorker:HourlyPrice"] = 1.20m.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The next result, decoded from Base64 as a Functions queue trigger would.</summary>
    private async Task<byte[]> NextResultAsync()
    {
        var results = new QueueClient(Azurite.ConnectionString, queueName + "-results",
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await results.ExistsAsync(TestContext.Current.CancellationToken))
            {
                var received = await results.ReceiveMessagesAsync(1,
                    cancellationToken: TestContext.Current.CancellationToken);
                if (received.Value.Length == 1)
                {
                    return received.Value[0].Body.ToArray();
                }
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"no result on {queueName}-results within {Patience}");
    }
}
