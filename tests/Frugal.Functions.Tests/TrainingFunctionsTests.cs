using System.Text;
using System.Text.Json;
using Cronos;
using Frugal.Hosting;
using Frugal.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

/// <summary>The training timer and <c>POST /api/training-jobs</c>, called as the Functions host would.</summary>
public sealed class TrainingFunctionsTests : IDisposable
{
    private const string Key = "training-key-0123456789";
    private const string Job = """
        {"name": "bert", "startupScript": "python train.py", "machineType": "n1-standard-8",
         "zones": ["us-central1-a"], "checkpointUri": "gs://ckpt/bert", "maxRunTime": "6h"}
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-training-functions-").FullName;

    [Fact]
    public async Task SubmitAsync_ValidJobWithKey_IsCreatedThenConflictOnRepeat()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<TrainingFunctions>(services);

        var (first, body) = await PostAsync(functions, Job, Key);
        var (second, _) = await PostAsync(functions, Job, Key);

        Assert.Equal(StatusCodes.Status201Created, first);
        Assert.Equal("queued", body.GetProperty("state").GetString());
        Assert.Equal(StatusCodes.Status409Conflict, second);
    }

    [Fact]
    public async Task SubmitAsync_WrongKey_IsUnauthorized()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<TrainingFunctions>(services);

        var (status, _) = await PostAsync(functions, Job, "guess");

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
    }

    [Fact]
    public async Task SubmitAsync_InvalidJob_IsBadRequestWithLines()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<TrainingFunctions>(services);

        var (status, body) = await PostAsync(functions, "name: bert\nmachineType: n1-standard-8\n", Key);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(body.GetProperty("problems").EnumerateArray(),
            p => p.GetString()!.Contains("body:1:1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoComputeConfigured_LogsRefusalAndLeavesJobQueued()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<TrainingFunctions>(services);
        await PostAsync(functions, Job, Key);

        await functions.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);

        var queue = services.GetRequiredService<Hosting.Training.TrainingQueueJob>();
        var job = await queue.ShowAsync(
            new(Path.Combine(_folder, "frugal.yaml"), Path.Combine(_folder, "state.db")), "bert",
            TestContext.Current.CancellationToken);
        Assert.Equal(Engine.Training.TrainingJobState.Queued, job!.State);
    }

    [Fact]
    public void FunctionsMetadata_Training_TimerOnAppSettingAndAnonymousPostOnServePath()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path(
            "functions", "Frugal.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToList();

        var timer = Assert.Single(functions.Single(f => f.GetProperty("name").GetString() == "LaunchOffPeakTraining")
            .GetProperty("bindings").EnumerateArray());
        var http = functions.Single(f => f.GetProperty("name").GetString() == "SubmitTrainingJob")
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");

        Assert.Equal("%FrugalLaunchOffPeakTrainingSchedule%", timer.GetProperty("schedule").GetString());
        Assert.Equal("training-jobs", http.GetProperty("route").GetString());
        Assert.Equal("Anonymous", http.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal("/api/training-jobs", FrugalEndpoints.TrainingJobs);
    }

    [Fact]
    public void LocalSettingsSample_TrainingSchedule_IsValidCron()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));

        var schedule = settings.RootElement.GetProperty("Values").GetProperty("FrugalLaunchOffPeakTrainingSchedule")
            .GetString()!;

        Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(DateTime.UtcNow));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Status, JsonElement Body)> PostAsync(
        TrainingFunctions functions, string body, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.Headers[TrainingJobHandler.KeyHeader] = key;
        context.Response.Body = new MemoryStream();

        var result = await functions.SubmitAsync(context.Request, CancellationToken.None);

        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new()));
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonSerializer.Deserialize<JsonElement>(context.Response.Body));
    }

    private ServiceProvider Services()
    {
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, """
            budgets:
              - name: gpu
                amount: 1000
                currency: USD
                thresholds:
                  - at: 0.9
                    actions:
                      - holdTraining: {}
            training:
              project: ml-project
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = Path.Combine(_folder, "state.db"),
            ["Frugal:Training:ApiKey"] = Key,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(
            new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        services.AddFrugalWebhooks(configuration);
        return services.BuildServiceProvider();
    }
}
