using System.Globalization;
using System.Text;
using Frugal.Hosting;
using Frugal.Kubernetes.Tests.StandIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Kubernetes.Tests;

/// <summary>
/// A stand-in cluster, a folder with a policy, cost data and a kubeconfig pointing at the stand-in, and a fake
/// clock. <see cref="Process"/> builds the services a Frugal process would have; a new one is a restart.
/// </summary>
internal sealed class ClusterFixture : IAsyncDisposable
{
    private ClusterFixture(FakeApiServer server, string folder)
    {
        Server = server;
        Folder = folder;
    }

    public FakeApiServer Server { get; }

    public string Folder { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public string PolicyPath => Path.Combine(Folder, "frugal.yaml");

    public static async Task<ClusterFixture> StartAsync()
    {
        var fixture = new ClusterFixture(
            await FakeApiServer.StartAsync(), Directory.CreateTempSubdirectory("frugal-hpa-").FullName);
        fixture.Server.WriteKubeconfig(fixture.Folder);
        fixture.WriteCosts(dailyCost: 10m, days: 15);
        return fixture;
    }

    /// <summary>Sets the clock to a local time in Berlin.</summary>
    public void At(int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Clock.SetUtcNow(new DateTimeOffset(local, berlin.GetUtcOffset(local)));
    }

    /// <summary>FOCUS rows: the same cost each day from the first of November.</summary>
    public void WriteCosts(decimal dailyCost, int days)
    {
        var csv = new StringBuilder("BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\n");
        for (var day = 1; day <= days; day++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"USD,{dailyCost},2026-11-{day:00} 00:00:00,Compute Engine\n");
        }

        File.WriteAllText(Path.Combine(Folder, "costs.csv"), csv.ToString());
    }

    /// <summary>
    /// A policy on the stand-in: a budget of 100 USD a month in Berlin whose 100 % rung caps serving autoscalers
    /// to half their ceiling, and (optionally) nights in Berlin with a floor of 1.
    /// </summary>
    public void WritePolicy(
        bool dryRun = false, bool nights = false, bool cap = true, int maxChanges = 10, string namespaces = "[serving]")
    {
        var capRung = cap ? "" : "#";
        var schedules = nights
            ? """
                    schedules:
                      - { timeZone: Europe/Berlin, from: "20:00", to: "07:00", minReplicas: 1 }
              """
            : """
                    budgetCaps: []
              """;
        File.WriteAllText(PolicyPath, $$"""
            safety:
              dryRun: {{(dryRun ? "true" : "false")}}
            sources:
              focus: [costs.csv]
            budgets:
              - name: ml-platform
                amount: 100
                currency: USD
                timeZone: Europe/Berlin
                thresholds:
                  - at: 1.0
                    actions:
                      - holdTraining
            {{capRung}}          - capAutoscaling: { targets: [stand-in/serving/*], maxReplicasFraction: 0.5 }
            autoscaling:
              maxChangesPerRun: {{maxChanges}}
              clusters:
                - { name: stand-in, kubeconfig: kubeconfig-stand-in.yaml, context: stand-in }
              rules:
                - name: serving
                  select: { namespaces: {{namespaces}} }
            {{schedules}}
            """);
    }

    /// <summary>The services of one Frugal process, on the fixture's clock.</summary>
    public ServiceProvider Process()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddFrugalEngine();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
