using System.Text.Json;
using Cronos;
using Frugal.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

public sealed class AdjustAutoscalingFunctionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-autoscaling-").FullName;

    [Fact]
    public void FunctionsMetadata_AdjustAutoscaling_IsATimerOnItsOwnAppSetting()
    {
        var path = RepositoryFiles.Path("functions", "Frugal.Functions", "bin", RepositoryFiles.Configuration,
            "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var adjust = metadata.RootElement.EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "AdjustAutoscaling");

        var binding = Assert.Single(adjust.GetProperty("bindings").EnumerateArray());
        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("%FrugalAdjustAutoscalingSchedule%", binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void LocalSettingsSample_AdjustAutoscalingSchedule_IsValidNcrontab()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));

        var schedule = settings.RootElement.GetProperty("Values").GetProperty("FrugalAdjustAutoscalingSchedule")
            .GetString()!;

        Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(DateTime.UtcNow));
    }

    [Fact]
    public async Task RunAsync_PolicyWithoutClusters_LogsAndReturnsWithoutThrowing()
    {
        var policy = Path.Combine(_folder, "frugal.yaml");
        await File.WriteAllTextAsync(policy, """
            budgets:
              - { name: b, amount: 1, currency: USD, thresholds: [{ at: 1, actions: [holdTraining] }] }
            """, TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Frugal:PolicyPath"] = policy })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        await using var provider = services.BuildServiceProvider();
        var function = ActivatorUtilities.CreateInstance<AdjustAutoscalingFunction>(provider);

        var error = await Record.ExceptionAsync(() =>
            function.RunAsync(new TimerInfo(), TestContext.Current.CancellationToken));

        Assert.Null(error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
