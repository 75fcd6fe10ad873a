using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Frugal.Testing.GoogleStandIn;

namespace Frugal.Google.Tests;

/// <summary>The stand-in itself must be strict, or the client tests above prove little.</summary>
public sealed class StandInTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private GoogleApiStandIn _standIn = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _ = new FakeCloudBilling(_standIn).With("p", "billingAccounts/A");
    }

    [Fact]
    public async Task UpdateBillingInfo_UnknownBodyField_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Put, "v1/projects/p/billingInfo", """{"billingAccount":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("unknown field 'billingAccount'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBillingInfo_UnknownQueryParameter_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/projects/p/billingInfo?project=p");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetBillingInfo_GlobalParameter_IsAllowed()
    {
        using var response = await SendAsync(HttpMethod.Get, "v1/projects/p/billingInfo?prettyPrint=false");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutToken_IsUnauthenticated()
    {
        using var response = await _http.GetAsync(new Uri(_standIn.BaseUri, "v1/projects/p/billingInfo"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_NoSuchMethod_IsNotFound()
    {
        using var response = await SendAsync(HttpMethod.Delete, "v1/projects/p/billingInfo");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ComputeInstancesGet_PathParameters_AreMatchedFromTheComputeDocument()
    {
        _standIn.On("compute.instances.get", call => StandInReply.Ok(new { name = call.PathParameters["instance"] }));

        using var response =
            await SendAsync(HttpMethod.Get, "compute/v1/projects/ml/zones/us-central1-a/instances/trainer-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_standIn.Calls);
        Assert.Equal("us-central1-a", call.PathParameters["zone"]);
    }

    [Fact]
    public async Task BigQueryQuery_MaximumBytesBilledAsANumber_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Post, "bigquery/v2/projects/ml/queries",
            """{"query":"SELECT 1","maximumBytesBilled":1000}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _standIn.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_standIn.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _standIn.IssueToken());
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request, Ct);
    }
}
