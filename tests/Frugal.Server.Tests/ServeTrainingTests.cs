using System.Net;
using System.Text;

namespace Frugal.Server.Tests;

/// <summary><c>POST /api/training-jobs</c> under <c>frugal serve</c>, over real HTTP.</summary>
public sealed class ServeTrainingTests : IAsyncLifetime
{
    private const string Key = "serve-training-key-0123456789";
    private const string Job = """
        name: bert
        startupScript: python train.py
        machineType: n1-standard-8
        zones: [us-central1-a]
        checkpointUri: gs://ckpt/bert
        maxRunTime: 6h
        project: ml-project
        """;

    private ServeFixture _serve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _serve = await ServeFixture.StartAsync(
        moreSettings: new Dictionary<string, string?> { ["Frugal:Training:ApiKey"] = Key });

    [Fact]
    public async Task TrainingJobs_WithKey_QueuedThenConflict()
    {
        using var first = await PostAsync(Job, Key);
        using var second = await PostAsync(Job, Key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Contains("\"state\":\"queued\"", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task TrainingJobs_NoKey_Unauthorized()
    {
        using var response = await PostAsync(Job, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _serve.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FrugalEndpoints.TrainingJobs)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/yaml"),
        };
        if (key is not null)
        {
            request.Headers.Add(TrainingJobHandler.KeyHeader, key);
        }

        return await _serve.Client.SendAsync(request, Ct);
    }
}
