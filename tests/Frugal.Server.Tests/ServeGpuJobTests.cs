using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Frugal.Server.Tests;

/// <summary><c>POST /api/gpu-jobs</c> under <c>frugal serve</c>, with the worker pool's queue stood in for.</summary>
public sealed class ServeGpuJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ValidJob_Is202AndTheJobIsSent()
    {
        var queue = new SentJobs();
        await using var serve = await ServeFixture.StartAsync(configure: services =>
            services.Replace(ServiceDescriptor.Singleton<IGpuJobQueue>(queue)));

        using var response = await serve.Client.PostAsJsonAsync(FrugalEndpoints.GpuJobs, new
        {
            id = "serve-1", kind = "quantize", model = "fraud", precision = "fp16", budget = "ml-platform",
        }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("enqueued", body.RootElement.GetProperty("state").GetString());
        var sent = Assert.Single(queue.Sent);
        Assert.Equal(("quantize", "fp16"), (sent.Kind, sent.Precision));
    }

    [Fact]
    public async Task Post_UnknownBudget_Is400NamingTheField()
    {
        await using var serve = await ServeFixture.StartAsync();

        using var response = await serve.Client.PostAsJsonAsync(FrugalEndpoints.GpuJobs, new
        {
            id = "serve-1", kind = "quantize", model = "fraud", budget = "nope",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("budget", body.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Serve_RunsTheReleaseAndResultSteps()
    {
        await using var serve = await ServeFixture.StartAsync();

        var steps = serve.App.Services.GetServices<IScheduledStep>().Select(s => s.Name);

        Assert.Contains("ReleaseHeldGpuJobs", steps);
        Assert.Contains("RecordGpuJobResults", steps);
    }

    private sealed class SentJobs : IGpuJobQueue
    {
        public List<GpuJobMessage> Sent { get; } = [];

        public bool IsConfigured => true;

        public Task SendAsync(GpuJobMessage message, CancellationToken ct)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
