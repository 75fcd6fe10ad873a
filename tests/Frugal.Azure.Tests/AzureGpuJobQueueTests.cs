using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Frugal.Azure;
using Frugal.Engine.GpuJobs;

namespace Frugal.Azure.Tests;

/// <summary>The GPU job queue sender against Azurite's queue service.</summary>
public sealed class AzureGpuJobQueueTests
{
    private readonly string _name = "gpu-jobs-" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_NormalAndHigh_GoToTheirQueuesAsPlainJsonThatNeverExpires()
    {
        var service = await Azurite.QueuesAsync();
        var queue = new AzureGpuJobQueue(Azurite.ConnectionString, _name, TimeSpan.FromSeconds(30));
        var normal = Message("n-1", "normal");
        var high = Message("h-1", "high");

        await queue.SendAsync(normal, Ct);
        await queue.SendAsync(high, Ct);

        var onNormal = await ReceiveOneAsync(service.GetQueueClient(_name));
        var onHigh = await ReceiveOneAsync(service.GetQueueClient(_name + "-high"));
        Assert.Equal(normal.ToJson(), onNormal.Body.ToString());
        Assert.Equal(high.ToJson(), onHigh.Body.ToString());
        using var json = JsonDocument.Parse(onNormal.Body.ToString());
        Assert.Equal("n-1", json.RootElement.GetProperty("id").GetString());
        Assert.True(onNormal.ExpiresOn > DateTimeOffset.UtcNow.AddYears(1));
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsWithinTheTimeout()
    {
        var unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        var queue = new AzureGpuJobQueue(unreachable, _name, TimeSpan.FromSeconds(2));
        var started = DateTimeOffset.UtcNow;

        await Assert.ThrowsAnyAsync<Exception>(() => queue.SendAsync(Message("x", "normal"), Ct));

        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(15));
    }

    private static GpuJobMessage Message(string id, string priority) =>
        new(id, "infer", "fraud", "3", "https://acct.blob.core.windows.net/b/rows.jsonl", null, priority, null);

    private static async Task<QueueMessage> ReceiveOneAsync(QueueClient client)
    {
        var received = await client.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(5), Ct);
        return Assert.Single(received.Value);
    }
}
