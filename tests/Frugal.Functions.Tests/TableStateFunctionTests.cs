using Frugal.Engine.Inference;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;
using Frugal.Engine.Training;
using Frugal.Hosting;
using Frugal.Hosting.GpuJobs;
using Frugal.Hosting.Retraining;
using Frugal.Hosting.Training;
using Frugal.Server;
using Frugal.State.AzureTables;
using Frugal.State.AzureTables.Tests;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

/// <summary>The Functions app with <c>Frugal:State:Provider = azureTables</c>: settings checks, Azurite runs.</summary>
public sealed class TableStateFunctionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-functions-tables-").FullName;
    private readonly string _prefix = $"f{Guid.NewGuid():N}"[..20];
    private bool _usedAzurite;

    [Fact]
    public async Task StartAsync_TablesWithoutAnAddressAndABadPrefix_FailsNamingEveryKey()
    {
        using var host = Host(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = WritePolicy(),
            ["Frugal:State:Provider"] = "azureTables",
            ["Frugal:State:TablePrefix"] = "9-lives",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Frugal:State: azureTables needs exactly one of Frugal:State:TableConnectionString",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("Frugal:State:TablePrefix: '9-lives'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnknownProvider_FailsNamingTheOnesThere()
    {
        using var host = Host(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = WritePolicy(),
            ["Frugal:State:Provider"] = "cosmos",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(
            "Frugal:State:Provider: 'cosmos' is not a state store this host has (it has: sqlite, azureTables)",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettingsSample_StateSettings_PassTheStartUpChecks()
    {
        using var sample = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));
        var settings = sample.RootElement.GetProperty("Values").EnumerateObject()
            .Where(p => p.Name.StartsWith("Frugal__State", StringComparison.Ordinal))
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        settings["Frugal:PolicyPath"] = WritePolicy();
        using var host = Host(settings);

        var options = host.Services.GetRequiredService<IOptions<FrugalHostOptions>>().Value;

        Assert.Equal("azureTables", options.State.Provider);
        Assert.Equal("UseDevelopmentStorage=true", options.State.TableConnectionString);
    }

    [Fact]
    public async Task RunAsync_TwoInstancesFiringAtOnce_RecordAndNotifyOnceInTableStorage()
    {
        await Azurite.RequireAsync();
        _usedAzurite = true;
        var policy = WritePolicy();
        using var first = Services(policy);
        using var second = Services(policy);
        var functions = new[] { first, second }
            .Select(s => ActivatorUtilities.CreateInstance<PollBillingFunction>(s)).ToList();

        await Task.WhenAll(functions.Select(f => Task.Run(() => f.RunAsync(new TimerInfo(), CancellationToken.None))));

        var store = new AzureTablesStateSource(Settings()).Open("unused").Store;
        var audit = await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None);
        Assert.Single(audit, e => e.Kind == AuditKind.Crossing && e.Budget == "ml-platform");
        Assert.Single(audit, e => e.Kind == AuditKind.Notification);
        Assert.False(File.Exists(Path.Combine(_folder, ".frugal", "state.db")));
    }

    [Fact]
    public async Task Stores_WithTables_TrainingQueueGpuJobsAndSignalsLiveInTableStorage()
    {
        await Azurite.RequireAsync();
        _usedAzurite = true;
        var policy = WritePolicy();
        using var services = Services(policy);
        var spec = new TrainingJobSpec
        {
            Name = "bert", Image = "img:1", MachineType = "g2-standard-8", Zones = ["us-central1-a"],
            CheckpointUri = new Uri("gs://b/bert"), MaxRunTime = TimeSpan.FromHours(1), Project = "ml",
        };
        const string result = """
            {"id":"job-1","kind":"infer","status":"succeeded","model":"fraud","version":"3","output":"o.jsonl",
             "report":null,"gpuSeconds":1.5,"predictions":1000,"cost":0.002,"costPer1000":0.002,
             "currency":"USD","provider":"CUDA","attempts":1,"duplicate":false,"error":null}
            """;
        var signal = new ModelSignal("churn", "drift", 0.4m, Now, "monitor", "d-1");

        await services.GetRequiredService<TrainingQueueJob>()
            .SubmitAsync(new TrainingQueueRequest(policy), spec, "test", CancellationToken.None);
        await services.GetRequiredService<GpuJobDispatch>()
            .RecordResultAsync(new BudgetJobRequest(policy), System.Text.Encoding.UTF8.GetBytes(result),
                CancellationToken.None);
        await services.GetRequiredService<RetrainingJob>()
            .TakeInAsync(new RetrainingRequest(policy), [signal], CancellationToken.None);

        var tables = new AzureTablesStateSource(Settings()).Open("unused");
        Assert.Equal("test", (await tables.TrainingJobs.GetAsync("bert", CancellationToken.None))!.Source);
        Assert.Equal("job-1", Assert.Single(await tables.GpuJobs.ReadRecentAsync(10, CancellationToken.None)).Id);
        var usage = await services.GetRequiredService<IInferenceUsage>()
            .ReadAsync(Now.AddDays(-1), Now.AddDays(1), CancellationToken.None);
        Assert.Equal(1000, Assert.Single(usage).Predictions);
        var signals = await tables.ModelSignals.LatestSignalsAsync("churn", CancellationToken.None);
        Assert.Equal(signal, Assert.Single(signals));
        Assert.False(File.Exists(Path.Combine(_folder, ".frugal", "state.db")));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        if (_usedAzurite)
        {
            new global::Azure.Data.Tables.TableServiceClient(Azurite.ConnectionString)
                .DeleteTable(Settings().TableName);
        }
    }

    private AzureTablesStateSettings Settings() => new(Azurite.ConnectionString, null, _prefix);

    private static IHost Host(Dictionary<string, string?> settings) => new HostBuilder()
        .ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings))
        .ConfigureServices((context, services) =>
        {
            services.AddFrugalHost(context.Configuration);
            services.AddFrugalStateStores();
        })
        .Build();

    private ServiceProvider Services(string policy)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:State:Provider"] = "azureTables",
            ["Frugal:State:TableConnectionString"] = Azurite.ConnectionString,
            ["Frugal:State:TablePrefix"] = _prefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(
            new FakeTimeProvider(Now));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        services.AddFrugalStateStores();
        return services.BuildServiceProvider();
    }

    private string WritePolicy()
    {
        File.WriteAllText(Path.Combine(_folder, "costs.csv"),
            "BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\n" +
            string.Concat(Enumerable.Range(1, 10).Select(d => $"USD,10,2026-11-{d:00} 00:00:00,Compute Engine\n")));
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, """
            sources:
              focus: [costs.csv]
            channels:
              - name: ops
                kind: console
            budgets:
              - name: ml-platform
                amount: 100
                currency: USD
                thresholds:
                  - at: 0.5
                    actions:
                      - notify: [ops]
            """);
        return policy;
    }
}
