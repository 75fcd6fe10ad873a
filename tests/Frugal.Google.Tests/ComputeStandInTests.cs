using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Frugal.Testing;
using Frugal.Testing.GoogleStandIn;

namespace Frugal.Google.Tests;

/// <summary>The Compute fake must refuse what Google would, or the client tests prove little.</summary>
public sealed class ComputeStandInTests : IAsyncLifetime
{
    private const string Instances = "compute/v1/projects/ml/zones/us-central1-a/instances";
    private readonly HttpClient _http = new();
    private GoogleApiStandIn _standIn = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _ = _standIn.Compute;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task Insert_UnknownBodyField_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Post, Instances,
            """{"name":"trainer-1","machineType":"zones/us-central1-a/machineTypes/n1-standard-4","gpus":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown field 'gpus'", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(_standIn.Compute.Instances);
    }

    [Fact]
    public async Task Insert_MisspeltSchedulingField_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Post, Instances,
            """{"name":"trainer-1","machineType":"m","scheduling":{"provisioningModle":"SPOT"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown field 'provisioningModle'", await response.Content.ReadAsStringAsync(Ct),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_RequestIdThatIsNotAUuid_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Instances}?requestId=launch-1",
            """{"name":"trainer-1","machineType":"m"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_standIn.Compute.Instances);
    }

    [Fact]
    public async Task SetMetadata_BodyOutsideTheMetadataSchema_IsRefused()
    {
        using var created = await SendAsync(HttpMethod.Post, Instances, """{"name":"trainer-1","machineType":"m"}""");

        using var response = await SendAsync(HttpMethod.Post, $"{Instances}/trainer-1/setMetadata",
            """{"fingerprint":"x","items":[{"key":"a","value":"b"}],"labels":{}}""");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown field 'labels'", await response.Content.ReadAsStringAsync(Ct),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOperations_FilterFormItDoesNotKnow_IsRefused()
    {
        using var response = await SendAsync(HttpMethod.Get,
            "compute/v1/projects/ml/zones/us-central1-a/operations?filter=operationType%3Dpreempted");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Preempt_WritesTheOperationShapedLikeTheSharedSample()
    {
        using var created = await SendAsync(HttpMethod.Post, Instances,
            """{"name":"trainer-1","machineType":"m","scheduling":{"provisioningModel":"SPOT"}}""");

        _standIn.Compute.Preempt("trainer-1");
        using var listed = await SendAsync(HttpMethod.Get, "compute/v1/projects/ml/zones/us-central1-a/operations");

        var samplePath = TestData.Path("gce-preemption", "zone_operation_preempted_CONSTRUCTED.json");
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(samplePath, Ct));
        using var page = JsonDocument.Parse(await listed.Content.ReadAsStringAsync(Ct));
        var operation = page.RootElement.GetProperty("items").EnumerateArray()
            .Single(o => o.GetProperty("operationType").GetString() == "compute.instances.preempted");
        Assert.Empty(Fields(sample.RootElement).Except(Fields(operation)));
        Assert.StartsWith("systemevent-", operation.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("system", operation.GetProperty("user").GetString());
        Assert.EndsWith("/instances/trainer-1", operation.GetProperty("targetLink").GetString(),
            StringComparison.Ordinal);
    }

    private static IEnumerable<string> Fields(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

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
