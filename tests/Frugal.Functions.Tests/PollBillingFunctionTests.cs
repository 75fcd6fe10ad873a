using Frugal.Engine.State;
using Frugal.Hosting;
using Frugal.State.Sqlite;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

public sealed class PollBillingFunctionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-functions-").FullName;

    [Fact]
    public async Task RunAsync_TimerFires_RunsTheJobAndRecordsIt()
    {
        var (policy, state) = WriteFixture();
        using var services = Services(policy, state);
        var function = ActivatorUtilities.CreateInstance<PollBillingFunction>(services);

        await function.RunAsync(new TimerInfo { IsPastDue = false }, CancellationToken.None);

        var store = SqliteStateStore.OpenReadOnly(state)!;
        var audit = await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None);
        Assert.Contains(audit, e => e.Kind == AuditKind.Crossing && e.Budget == "ml-platform");
        Assert.Contains(audit, e =>
            e.Kind == AuditKind.Notification && e.Outcome!.StartsWith("delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FiredTwice_ActsOnce()
    {
        var (policy, state) = WriteFixture();
        using var services = Services(policy, state);
        var function = ActivatorUtilities.CreateInstance<PollBillingFunction>(services);

        await function.RunAsync(new TimerInfo(), CancellationToken.None);
        await function.RunAsync(new TimerInfo(), CancellationToken.None);

        var store = SqliteStateStore.OpenReadOnly(state)!;
        var notifications = await store.ReadAuditAsync(
            new AuditQuery(Kind: AuditKind.Notification), CancellationToken.None);
        Assert.Single(notifications);
    }

    [Fact]
    public async Task StartAsync_MissingPolicySetting_FailsNamingTheKey()
    {
        using var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Frugal:FocusPaths:0"] = Path.Combine(_folder, "missing.csv"),
            }))
            .ConfigureServices((context, services) => services.AddFrugalHost(context.Configuration))
            .Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Frugal:PolicyPath is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Frugal:FocusPaths:0: no file or folder", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ServiceProvider Services(string policy, string state)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = state,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 6, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        return services.BuildServiceProvider();
    }

    private (string Policy, string State) WriteFixture()
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
        return (policy, Path.Combine(_folder, "state", "frugal.db"));
    }
}
