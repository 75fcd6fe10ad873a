using System.Net.Sockets;
using Azure.Data.Tables;

namespace Frugal.State.AzureTables.Tests;

/// <summary>
/// The Azurite the test script starts: FRUGAL_TEST_AZURITE holds its connection string (default: the well-known
/// development account on 127.0.0.1). Unreachable, a test is skipped on a developer's machine and fails under CI.
/// </summary>
internal static class Azurite
{
    private const string DevelopmentAccount =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("FRUGAL_TEST_AZURITE") is { Length: > 0 } configured
            ? configured
            : DevelopmentAccount;

    /// <summary>Skips the test (fails it under CI) when Azurite's table endpoint does not answer.</summary>
    public static async Task RequireAsync()
    {
        var endpoint = new TableServiceClient(ConnectionString).Uri;
        if (await ReachableAsync(endpoint))
        {
            return;
        }

        var reason = $"Azurite is not reachable at {endpoint.Authority}; start it with scripts/test.sh";
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
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
