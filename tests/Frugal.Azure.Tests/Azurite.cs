using System.Net.Sockets;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Frugal.Azure.Tests;

/// <summary>
/// The Azurite the test script starts: FRUGAL_TEST_AZURITE holds its connection string (default: the well-known
/// development account on 127.0.0.1). Unreachable, a test is skipped on a developer's machine and fails under CI.
/// </summary>
internal static class Azurite
{
    private const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("FRUGAL_TEST_AZURITE") is { Length: > 0 } configured
            ? configured
            : DevelopmentAccount;

    /// <summary>A fresh container, or a skip (a failure under CI) when Azurite is not running.</summary>
    public static async Task<BlobContainerClient> ContainerAsync()
    {
        var service = new BlobServiceClient(ConnectionString);
        if (!await ReachableAsync(service.Uri))
        {
            var reason = $"Azurite is not reachable at {service.Uri.Authority}; start it with scripts/test.sh";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var container = service.GetBlobContainerClient($"exports-{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        return container;
    }

    /// <summary>The queue service, or a skip (a failure under CI) when Azurite's queue endpoint is down.</summary>
    public static async Task<QueueServiceClient> QueuesAsync()
    {
        var service = new QueueServiceClient(ConnectionString);
        if (!await ReachableAsync(service.Uri))
        {
            var reason = $"Azurite is not reachable at {service.Uri.Authority}; start it with scripts/test.sh";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        return service;
    }

    private static async Task<bool> ReachableAsync(Uri endpoint)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
