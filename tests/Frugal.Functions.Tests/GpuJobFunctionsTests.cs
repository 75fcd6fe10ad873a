using System.Globalization;
using System.Text;
using System.Text.Json;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Inference;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Frugal.Server;
using Frugal.State.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

/// <summary>The GPU job functions called directly, as the Functions host would, on a real state file.</summary>
public sealed class GpuJobFunctionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-gpu-functions-").FullName;
    private readonly SentJobs _queue = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitAsync_ValidJobBudgetClear_Is202AndSentOnce()
    {
        using var services = Services(dailyCost: 1m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);

        var (status, body) = await PostAsync(functions, Job("job-1"));
        var (again, repeat) = await PostAsync(functions, Job("job-1"));

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal("enqueued", body.GetProperty("state").GetString());
        Assert.Equal(StatusCodes.Status202Accepted, again);
        Assert.True(repeat.GetProperty("duplicate").GetBoolean());
        Assert.Equal("job-1", Assert.Single(_queue.Sent).Id);
    }

    [Fact]
    public async Task SubmitAsync_BadFields_Is400NamingEachField()
    {
        using var services = Services(dailyCost: 1m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);

        var (status, body) = await PostAsync(functions,
            """{"id": "bad id", "kind": "infer", "model": "fraud", "budget": "nope"}""");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(["id", "input", "budget"],
            body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Empty(_queue.Sent);
    }

    [Fact]
    public async Task SubmitAsync_SameIdAnotherJob_Is409()
    {
        using var services = Services(dailyCost: 1m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);
        await PostAsync(functions, Job("job-1"));

        var (status, _) = await PostAsync(functions, Job("job-1", model: "churn"));

        Assert.Equal(StatusCodes.Status409Conflict, status);
    }

    [Fact]
    public async Task SubmitAsync_BudgetAtHoldRung_HoldsNormalSendsHigh()
    {
        using var services = Services(dailyCost: 10m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);

        var (_, normal) = await PostAsync(functions, Job("normal-1"));
        var (_, high) = await PostAsync(functions, Job("high-1", priority: "high"));

        Assert.Equal("held", normal.GetProperty("state").GetString());
        Assert.Contains("hold rung reached", normal.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("enqueued", high.GetProperty("state").GetString());
        Assert.Equal(["high-1"], _queue.Sent.Select(m => m.Id));
    }

    [Fact]
    public async Task ReleaseHeldGpuJobs_HoldCleared_SendsTheHeldJob()
    {
        using var services = Services(dailyCost: 10m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);
        await PostAsync(functions, Job("waiting"));
        var timer = ActivatorUtilities.CreateInstance<ReleaseHeldGpuJobsFunction>(services);
        await timer.RunAsync(new TimerInfo(), Ct);
        Assert.Empty(_queue.Sent);

        WriteCosts(dailyCost: 1m);
        await timer.RunAsync(new TimerInfo(), Ct);

        Assert.Equal("waiting", Assert.Single(_queue.Sent).Id);
        var job = Assert.Single(await Store().ReadRecentAsync(10, Ct));
        Assert.Equal(GpuJobState.Enqueued, job.State);
        Assert.StartsWith("released: ", job.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_WorkerResultDeliveredTwice_IsRecordedAndCountedOnce()
    {
        using var services = Services(dailyCost: 1m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);
        await PostAsync(functions, Job("job-1"));
        const string result = """
            {"id":"job-1","kind":"infer","status":"succeeded","model":"fraud","version":"3","output":"o.jsonl",
             "report":null,"gpuSeconds":1.84,"predictions":250000,"cost":0.0017377778,"costPer1000":0.0000069511,
             "currency":"USD","provider":"CUDA","attempts":1,"duplicate":false,"error":null}
            """;

        await functions.RecordAsync(result, Ct);
        await functions.RecordAsync(result.Replace("\"duplicate\":false", "\"duplicate\":true",
            StringComparison.Ordinal), Ct);

        var job = Assert.Single(await Store().ReadRecentAsync(10, Ct));
        Assert.Equal(GpuJobState.Succeeded, job.State);
        Assert.False(job.Result!.Duplicate);
        var usage = await services.GetRequiredService<IInferenceUsage>()
            .ReadAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Ct);
        Assert.Equal(("fraud", "3", 250_000L), (usage[0].Model, usage[0].Version, usage[0].Predictions));
        Assert.Single(usage);
    }

    [Fact]
    public async Task RecordAsync_MalformedResult_ThrowsSoTheHostRetriesThenPoisonsIt()
    {
        using var services = Services(dailyCost: 1m);
        var functions = ActivatorUtilities.CreateInstance<GpuJobFunctions>(services);

        await Assert.ThrowsAsync<Engine.FrugalInputException>(() =>
            functions.RecordAsync("""{"status":"succeeded"}""", Ct));
    }

    [Fact]
    public void GpuJobSettings_Wrong_AreAllNamedWithTheirKeys()
    {
        using var services = Services(dailyCost: 1m, new Dictionary<string, string?>
        {
            ["Frugal:GpuJobs:QueueName"] = "GPU_Jobs",
            ["Frugal:GpuJobs:ResultQueueName"] = "r",
            ["Frugal:GpuJobs:SendTimeoutSeconds"] = "0",
        });

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GpuJobOptions>>().Value);

        Assert.Equal(
            ["Frugal:GpuJobs:QueueName", "Frugal:GpuJobs:ResultQueueName", "Frugal:GpuJobs:SendTimeoutSeconds"],
            ex.Failures.Select(f => f[..f.IndexOf(':', "Frugal:GpuJobs:".Length)]));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Job(string id, string model = "fraud", string priority = "normal") =>
        $$"""
        {"id": "{{id}}", "kind": "infer", "model": "{{model}}", "version": "3", "input": "/data/rows.jsonl",
         "priority": "{{priority}}", "budget": "ml-platform"}
        """;

    private static async Task<(int Status, JsonElement Body)> PostAsync(GpuJobFunctions functions, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Response.Body = new MemoryStream();

        var result = await functions.SubmitAsync(context.Request, Ct);

        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new()));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonSerializer.Deserialize<JsonElement>(context.Response.Body));
    }

    private SqliteGpuJobStore Store() =>
        SqliteGpuJobStore.OpenReadOnly(Path.Combine(_folder, "state.db")) ?? throw new InvalidOperationException();

    /// <summary>Fifteen days of November at <paramref name="dailyCost"/>; 10 a day passes the USD 100 rung.</summary>
    private void WriteCosts(decimal dailyCost)
    {
        var csv = new StringBuilder("BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\n");
        for (var day = 1; day <= 15; day++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"USD,{dailyCost},2026-11-{day:00} 00:00:00,Compute Engine\n");
        }

        File.WriteAllText(Path.Combine(_folder, "costs.csv"), csv.ToString());
    }

    private ServiceProvider Services(decimal dailyCost, Dictionary<string, string?>? settings = null)
    {
        WriteCosts(dailyCost);
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, """
            sources:
              focus: [costs.csv]
            channels:
              - name: ops
                kind: console
            budgets:
              - name: ml-platform
                amount: 200
                currency: USD
                timeZone: Etc/UTC
                thresholds:
                  - at: 0.5
                    actions:
                      - holdTraining: {}
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = Path.Combine(_folder, "state.db"),
            ["Frugal:Webhooks:Gcp:KeysUri"] = "http://127.0.0.1:9/unused",
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0,
            TimeSpan.Zero)));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<IGpuJobQueue>(_queue);
        services.AddFrugalHost(configuration);
        services.AddFrugalWebhooks(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Stands in for the worker pool's queue: keeps each message sent.</summary>
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
