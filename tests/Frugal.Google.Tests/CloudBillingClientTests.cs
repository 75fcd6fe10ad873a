using System.Net;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

public sealed class CloudBillingClientTests : IAsyncLifetime
{
    private const string Account = "billingAccounts/01D4EE-079462-DFD6EC";
    private GoogleApiStandIn _standIn = null!;
    private FakeCloudBilling _billing = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _billing = new FakeCloudBilling(_standIn).With("ml-sandbox", Account);
    }

    [Fact]
    public async Task GetAsync_BilledProject_ReadsTheAccount()
    {
        using var services = GoogleClients.For(_standIn);

        var state = await services.GetRequiredService<CloudBillingClient>().GetAsync("ml-sandbox", Ct);

        Assert.Equal(Account, state.BillingAccountName);
        Assert.False(state.IsDetached);
        Assert.Equal("projects/ml-sandbox", Assert.Single(_standIn.Calls).PathParameters["name"]);
    }

    [Fact]
    public async Task SetAsync_EmptyAccount_DetachesWithADeclaredBody()
    {
        using var services = GoogleClients.For(_standIn);

        var state = await services.GetRequiredService<CloudBillingClient>().SetAsync("ml-sandbox", "", Ct);

        Assert.True(state.IsDetached);
        Assert.Equal("", _billing.AccountOf("ml-sandbox"));
        var body = Assert.Single(_standIn.Calls).Body!.Value;
        Assert.Equal("", body.GetProperty("billingAccountName").GetString());
    }

    [Fact]
    public async Task GetAsync_PermissionDenied_FailsAtOnceNamingIt()
    {
        _standIn.Fail("cloudbilling.projects.getBillingInfo", StandInFault.PermissionDenied);
        using var services = GoogleClients.For(_standIn);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() =>
            services.GetRequiredService<CloudBillingClient>().GetAsync("ml-sandbox", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal("PERMISSION_DENIED", error.GoogleStatus);
        Assert.Contains("lack a permission", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _standIn.Attempts);
    }

    [Fact]
    public async Task GetAsync_ExpiredToken_FailsAtOnceNamingIt()
    {
        _standIn.Fail("cloudbilling.projects.getBillingInfo", StandInFault.ExpiredToken);
        using var services = GoogleClients.For(_standIn);

        var error = await Assert.ThrowsAsync<GoogleApiException>(() =>
            services.GetRequiredService<CloudBillingClient>().GetAsync("ml-sandbox", Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(1, _standIn.Attempts);
    }

    [Fact]
    public async Task GetAsync_TooManyRequestsWithRetryAfter_IsRetried()
    {
        _standIn.Fail("cloudbilling.projects.getBillingInfo", StandInFault.TooManyRequests(retryAfterSeconds: 1));
        using var services = GoogleClients.For(_standIn);

        var state = await services.GetRequiredService<CloudBillingClient>().GetAsync("ml-sandbox", Ct);

        Assert.Equal(Account, state.BillingAccountName);
        Assert.Equal(2, _standIn.Attempts);
    }

    [Fact]
    public async Task SetAsync_ServerError_IsRetriedBecausePutIsIdempotent()
    {
        _standIn.Fail("cloudbilling.projects.updateBillingInfo", StandInFault.ServerError);
        using var services = GoogleClients.For(_standIn);

        var state = await services.GetRequiredService<CloudBillingClient>().SetAsync("ml-sandbox", "", Ct);

        Assert.True(state.IsDetached);
        Assert.Equal(2, _standIn.Attempts);
    }

    [Fact]
    public async Task GetAsync_AttemptTimesOut_IsRetried()
    {
        _standIn.Fail("cloudbilling.projects.getBillingInfo", StandInFault.Delay(TimeSpan.FromSeconds(5)));
        using var services = GoogleClients.For(_standIn, attemptTimeout: TimeSpan.FromMilliseconds(300));

        var state = await services.GetRequiredService<CloudBillingClient>().GetAsync("ml-sandbox", Ct);

        Assert.Equal(Account, state.BillingAccountName);
        Assert.Equal(2, _standIn.Attempts);
    }

    [Fact]
    public async Task GetAsync_WithAServiceAccountKeyFile_GetsItsTokenFromTheTokenEndpoint()
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"frugal-sa-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(keyFile, _standIn.ServiceAccountKeyJson(), Ct);
        try
        {
            var options = GoogleClients.Options(_standIn);
            options.CredentialFile = keyFile;
            using var services = new ServiceCollection().AddFrugalGoogle(options).BuildServiceProvider();

            var state = await services.GetRequiredService<CloudBillingClient>().GetAsync("ml-sandbox", Ct);

            Assert.Equal(Account, state.BillingAccountName);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public void IsSafe_PostWithoutAnIdempotencyKey_IsNotRetried()
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "https://example.com/");
        using var marked = new HttpRequestMessage(HttpMethod.Post, "https://example.com/");
        marked.Options.Set(GoogleResilience.SafeToRetry, true);

        Assert.False(GoogleResilience.IsSafe(post));
        Assert.True(GoogleResilience.IsSafe(marked));
    }

    public async ValueTask DisposeAsync() => await _standIn.DisposeAsync();
}
