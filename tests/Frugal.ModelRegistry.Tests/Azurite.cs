using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace Frugal.ModelRegistry.Tests;

/// <summary>
/// The Azurite the test run started (scripts/test.sh), from FRUGAL_TEST_AZURITE or the well-known development
/// account. Unreachable Azurite skips the test on a developer's machine and fails it in CI.
/// </summary>
internal static class Azurite
{
    private const string DevelopmentAccount = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("FRUGAL_TEST_AZURITE") is { Length: > 0 } given ? given : DevelopmentAccount;

    /// <summary>A new, empty container on Azurite; skips the test (fails it in CI) when Azurite is down.</summary>
    public static async Task<BlobContainerClient> NewContainerAsync(CancellationToken ct)
    {
        var service = new BlobServiceClient(ConnectionString);
        if (!await ReachableAsync(service.Uri, ct))
        {
            var reason = $"Azurite is not reachable at {service.Uri.Authority}; scripts/test.sh starts it";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var container = service.GetBlobContainerClient($"models-{Guid.NewGuid():N}");
        await container.CreateAsync(cancellationToken: ct);
        return container;
    }

    private static async Task<bool> ReachableAsync(Uri endpoint, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
