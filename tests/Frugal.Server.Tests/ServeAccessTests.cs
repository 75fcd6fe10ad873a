using System.Net;
using System.Net.Http.Json;

namespace Frugal.Server.Tests;

/// <summary>The key <c>frugal serve</c> asks of clients that submit work, and where it needs one.</summary>
public sealed class ServeAccessTests
{
    private const string Key = "serve-key-7f3a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Unauthorized)]
    [InlineData(Key, HttpStatusCode.BadRequest)] // past the key: the empty job is refused for its fields
    public async Task PostGpuJob_WithAKeyConfigured_WantsItInTheHeader(string? sent, HttpStatusCode expected)
    {
        await using var serve = await ServeFixture.StartAsync(
            moreSettings: new Dictionary<string, string?> { ["Frugal:Serve:ApiKey"] = Key });
        using var request = new HttpRequestMessage(HttpMethod.Post, FrugalEndpoints.GpuJobs)
        {
            Content = JsonContent.Create(new { }),
        };
        if (sent is not null)
        {
            request.Headers.Add("X-Frugal-Key", sent);
        }

        using var response = await serve.Client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task PostSignal_WithAKeyConfigured_AndNone_Is401()
    {
        await using var serve = await ServeFixture.StartAsync(
            moreSettings: new Dictionary<string, string?> { ["Frugal:Serve:ApiKey"] = Key });

        using var response = await serve.Client.PostAsJsonAsync("/api/models/sentiment/signals",
            new { kind = "drift", value = 0.9 }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", null, true)]
    [InlineData("http://localhost:8080", null, true)]
    [InlineData("http://[::1]:8080", null, true)]
    [InlineData("http://0.0.0.0:8080", null, false)]
    [InlineData("http://*:8080", null, false)]
    [InlineData("http://127.0.0.1:8080;http://10.0.0.4:8080", null, false)]
    [InlineData("http://0.0.0.0:8080", Key, true)]
    public void Listening_BeyondLoopback_NeedsAKey(string urls, string? key, bool valid)
    {
        var result = new ServeAccessOptionsValidator().Validate(
            null, new ServeAccessOptions { Urls = urls, ApiKey = key ?? string.Empty });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Frugal:Serve:ApiKey", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
