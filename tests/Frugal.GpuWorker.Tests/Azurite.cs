using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace Frugal.GpuWorker.Tests;

/// <summary>
/// The Azurite emulator the queue tests run against: the connection string comes from FRUGAL_TEST_AZURITE (the
/// emulator's well-known development account by default). Without a reachable Azurite a test is skipped, except
/// under CI=true, where it fails: CI starts Azurite, so its absence there is a fault.
/// </summary>
internal static class Azurite
{
    private const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FRUGAL_TEST_AZURITE") is { Length: > 0 } configured
            ? configured
            : DevelopmentAccount;

    /// <summary>Skips (or, under CI, fails) the calling test when the queue endpoint does not answer.</summary>
    public static async Task RequireAsync()
    {
        var endpoint = QueueEndpoint();
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            var reason = $"Azurite is not reachable at {endpoint} ({exception.Message}); " +
                "start it or set FRUGAL_TEST_AZURITE";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }
    }

    public static BlobContainerClient Container(string name) =>
        new BlobServiceClient(ConnectionString).GetBlobContainerClient(name);

    private static Uri QueueEndpoint()
    {
        foreach (var part in ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && pair[0].Equals("QueueEndpoint", StringComparison.OrdinalIgnoreCase))
            {
                return new Uri(pair[1]);
            }
        }

        return new Uri("http://127.0.0.1:10001");
    }
}
