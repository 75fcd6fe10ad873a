using System.Text.Json;
using Azure.Storage.Queues;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Frugal.State.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.Azure.Tests;

/// <summary><c>frugal serve</c>'s results step on the worker's results queue in Azurite.</summary>
public sealed class RecordGpuJobResultsStepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-gpu-results-").FullName;
    private readonly string _queue = "results-" + Guid.NewGuid().ToString("N")[..12];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_AResultTwiceAndAMessageThatIsNoResult_RecordsOnceAndPoisonsTheOther()
    {
        await Azurite.QueuesAsync();
        var results = Queue(_queue);
        await results.CreateIfNotExistsAsync(cancellationToken: Ct);
        const string result = """
            {"id":"job-1","kind":"infer","status":"succeeded","model":"fraud","version":"3","gpuSeconds":1.84,
             "predictions":250000,"cost":0.0017377778,"currency":"USD","provider":"CUDA","attempts":1}
            """;
        await results.SendMessageAsync(result, Ct);
        await results.SendMessageAsync(result.Replace("\"attempts\":1", "\"attempts\":2,\"duplicate\":true",
            StringComparison.Ordinal), Ct);
        await results.SendMessageAsync("please count me", Ct);
        using var services = Services();

        await services.GetRequiredService<RecordGpuJobResultsStep>().RunAsync(Ct);

        var job = Assert.Single(await SqliteGpuJobStore.OpenReadOnly(Path.Combine(_folder, "state.db"))!
            .ReadRecentAsync(10, Ct));
        Assert.Equal((GpuJobState.Succeeded, 1), (job.State, job.Result!.Attempts));
        Assert.Empty((await results.PeekMessagesAsync(1, Ct)).Value);
        var poisoned = Assert.Single((await Queue(_queue + "-poison").ReceiveMessagesAsync(5, null, Ct)).Value);
        using var kept = JsonDocument.Parse(poisoned.Body.ToString());
        Assert.Equal("please count me", kept.RootElement.GetProperty("message").GetString());
        Assert.StartsWith("GPU job result:", kept.RootElement.GetProperty("reason").GetString(),
            StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static QueueClient Queue(string name) => new(Azurite.ConnectionString, name,
        new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private ServiceProvider Services()
    {
        File.WriteAllText(Path.Combine(_folder, "costs.csv"),
            "BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\nUSD,0,2026-11-01 00:00:00,Compute Engine\n");
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, """
            sources:
              focus: [costs.csv]
            budgets:
              - name: ml-platform
                amount: 200
                currency: USD
                thresholds:
                  - at: 0.5
                    actions:
                      - holdTraining: {}
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = Path.Combine(_folder, "state.db"),
            ["Frugal:GpuJobs:ConnectionString"] = Azurite.ConnectionString,
            ["Frugal:GpuJobs:ResultQueueName"] = _queue,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        services.AddGpuJobResultsStep();
        return services.BuildServiceProvider();
    }
}
