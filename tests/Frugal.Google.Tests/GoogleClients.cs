using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

/// <summary>Frugal's Google clients pointed at a stand-in, with a token the stand-in issued.</summary>
internal static class GoogleClients
{
    public static ServiceProvider For(GoogleApiStandIn standIn, TimeSpan? attemptTimeout = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGoogleAccessTokenSource>(new StandInToken(standIn.IssueToken()));
        services.AddFrugalGoogle(Options(standIn, attemptTimeout));
        return services.BuildServiceProvider();
    }

    public static GoogleCloudOptions Options(GoogleApiStandIn standIn, TimeSpan? attemptTimeout = null) => new()
    {
        Enabled = true,
        CloudBillingEndpoint = standIn.BaseUri,
        BigQueryEndpoint = standIn.BaseUri,
        ComputeEndpoint = standIn.BaseUri,
        StorageEndpoint = standIn.BaseUri,
        Compute = { PollInterval = TimeSpan.FromMilliseconds(20) },
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
        CallTimeout = TimeSpan.FromSeconds(60),
    };

    private sealed class StandInToken(string token) : IGoogleAccessTokenSource
    {
        public Task<string> GetAccessTokenAsync(CancellationToken ct) => Task.FromResult(token);
    }
}
