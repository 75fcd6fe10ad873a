using Frugal.Engine.Tests.Training;
using Frugal.Engine.Training;
using Frugal.Hosting;
using Frugal.Hosting.Training;
using Frugal.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

/// <summary>
/// The whole tick as the Functions app wires it: policy job, SQLite queue, the registered Compute (a fake here),
/// and the local-folder outcome marker that ends the job.
/// </summary>
public sealed class TrainingCompositionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-training-composition-").FullName;

    [Fact]
    public async Task Timer_PolicyJob_LaunchesThenMarkerEndsItAndDeletesTheVm()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero));
        var compute = new FakeComputeInstances(time);
        var checkpoints = Directory.CreateDirectory(Path.Combine(_folder, "ckpt", "bert")).FullName;
        using var services = Services(time, compute, new Uri(checkpoints + "/").ToString());
        var functions = ActivatorUtilities.CreateInstance<TrainingFunctions>(services);
        var queue = services.GetRequiredService<TrainingQueueJob>();
        var request = new TrainingQueueRequest(Path.Combine(_folder, "frugal.yaml"), Path.Combine(_folder, "s.db"));

        await functions.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        var running = await queue.ShowAsync(request, "bert", TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(3));
        await File.WriteAllTextAsync(Path.Combine(checkpoints, LocalFolderTrainingOutcomes.SucceededMarker), "ok",
            TestContext.Current.CancellationToken);
        await functions.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        var done = await queue.ShowAsync(request, "bert", TestContext.Current.CancellationToken);

        Assert.Equal(TrainingJobState.Running, running!.State);
        Assert.Equal(ProvisioningModel.Spot, Assert.Single(compute.Inserts).ProvisioningModel);
        Assert.Equal(TrainingJobState.Succeeded, done!.State);
        Assert.Empty(compute.Instances);
        Assert.Equal(0.93m, done.Costs.Actual!.Value.Amount);
        Assert.Equal(1.62m, done.Costs.Saving!.Value.Amount);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ServiceProvider Services(TimeProvider time, IComputeInstances compute, string checkpointUri)
    {
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, $"""
            budgets:
              - name: gpu
                amount: 1000
                currency: USD
                thresholds:
                  - at: 0.9
                    actions:
                      - holdTraining: {"{}"}
            training:
              project: ml-project
              windows: [daily 00:00-24:00]
              rates:
                - {"{"}machineType: g2-standard-8, spot: 0.31, onDemand: 0.85{"}"}
              jobs:
                - name: bert
                  image: europe-docker.pkg.dev/ml/train:1
                  machineType: g2-standard-8
                  accelerator: {"{"}type: nvidia-l4, count: 1{"}"}
                  zones: [europe-west4-a]
                  checkpointUri: {checkpointUri}
                  maxRunTime: 6h
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = Path.Combine(_folder, "s.db"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton(compute);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        services.AddFrugalWebhooks(configuration);
        return services.BuildServiceProvider();
    }
}
