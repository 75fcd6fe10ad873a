using System.Text;
using System.Text.Json;
using Frugal.Engine.Money;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;
using Frugal.Hosting;
using Frugal.Hosting.Retraining;
using Frugal.Server;
using Frugal.State.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

/// <summary>
/// The signals trigger and the EvaluateRetraining timer, called directly as the Functions host would, through
/// composition and SQLite state, with a recording training queue and a fake clock.
/// </summary>
public sealed class ModelSignalFunctionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-signal-functions-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2022, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingLauncher _launcher = new(new Money(20m, CurrencyCode.Parse("USD")));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostAsync_DriftSpikeSentManyTimes_OneRetrainingQueued()
    {
        using var services = Services(spend: 2m);
        var functions = ActivatorUtilities.CreateInstance<ModelSignalFunctions>(services);

        var answers = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await PostAsync(functions, $$"""{"kind": "drift", "value": 0.{{5 + i}}}""", 202));
            _clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal("training-1", Assert.Single(_launcher.QueuedJobs));
        var first = answers[0].GetProperty("decisions")[0];
        Assert.Equal(("queued", "training-1"),
            (first.GetProperty("outcome").GetString(), first.GetProperty("jobId").GetString()));
        Assert.All(answers.Skip(1), a => Assert.Equal("not-retrained",
            a.GetProperty("decisions")[0].GetProperty("outcome").GetString()));
        var audit = await Audit(services);
        Assert.Equal(6, audit.Count(e => e.Kind == AuditKind.Retraining));
    }

    [Fact]
    public async Task PostAsync_QualityFine_NothingQueued()
    {
        using var services = Services(spend: 2m);
        var functions = ActivatorUtilities.CreateInstance<ModelSignalFunctions>(services);

        var answer = await PostAsync(functions, """[{"kind": "auc", "value": 0.9}, {"kind": "drift", "value": 0.1}]""",
            202);

        Assert.Equal(2, answer.GetProperty("recorded").GetInt32());
        var decision = answer.GetProperty("decisions")[0];
        Assert.Equal("not-retrained", decision.GetProperty("outcome").GetString());
        Assert.Equal("no condition holds", decision.GetProperty("reason").GetString());
        Assert.Empty(_launcher.Orders);
    }

    [Fact]
    public async Task PostAsync_BudgetOnHold_DeferredWithTheReasonInHistory()
    {
        using var services = Services(spend: 600m);
        var functions = ActivatorUtilities.CreateInstance<ModelSignalFunctions>(services);

        var answer = await PostAsync(functions, """{"kind": "auc", "value": 0.7}""", 202);

        var decision = answer.GetProperty("decisions")[0];
        Assert.Equal("deferred", decision.GetProperty("outcome").GetString());
        Assert.Contains("training on hold", decision.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(_launcher.Orders);
        var line = Assert.Single(await Audit(services), e => e.Kind == AuditKind.Retraining);
        Assert.Equal(("ml-training", "deferred"), (line.Budget, line.Outcome));
    }

    [Fact]
    public async Task EvaluateRetraining_AfterTheMinInterval_QueuesAgainButNotWithin()
    {
        using var services = Services(spend: 2m);
        var functions = ActivatorUtilities.CreateInstance<ModelSignalFunctions>(services);
        var timer = ActivatorUtilities.CreateInstance<EvaluateRetrainingFunction>(services);
        await PostAsync(functions, """{"kind": "drift", "value": 0.8}""", 202);

        _clock.Advance(TimeSpan.FromDays(6));
        await timer.RunAsync(new TimerInfo(), Ct);
        _clock.Advance(TimeSpan.FromDays(1));
        await timer.RunAsync(new TimerInfo(), Ct);

        Assert.Equal(2, _launcher.QueuedJobs.Count);
        var decisions = await services.GetRequiredService<RetrainingJob>()
            .DecisionsAsync(Request(services), 10, Ct);
        Assert.Equal(["queued", "not-retrained", "queued"], decisions.Reverse().Select(d => d.Outcome));
    }

    [Fact]
    public async Task PostAsync_BadField_IsBadRequestNamingIt()
    {
        using var services = Services(spend: 2m);
        var functions = ActivatorUtilities.CreateInstance<ModelSignalFunctions>(services);

        var answer = await PostAsync(functions, """[{"kind": "drift", "value": 0.8}, {"kind": "drift"}]""", 400);

        Assert.Equal("signals[1].value: required", answer.GetProperty("error").GetString());
        Assert.Empty(await Audit(services));
    }

    [Fact]
    public async Task PostAsync_NoTrainingQueue_RecordedAsWanted()
    {
        using var services = Services(spend: 2m, launcher: false);
        var functions = ActivatorUtilities.CreateInstance<ModelSignalFunctions>(services);

        var answer = await PostAsync(functions, """{"kind": "drift", "value": 0.8}""", 202);

        var decision = answer.GetProperty("decisions")[0];
        Assert.Equal("wanted", decision.GetProperty("outcome").GetString());
        Assert.EndsWith("no training queue configured: nothing queued", decision.GetProperty("reason").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionsMetadata_SignalsAndTimer_AreBoundAsServeAndSettingsSay()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path(
            "functions", "Frugal.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToList();

        var trigger = functions.Single(f => f.GetProperty("name").GetString() == "ModelSignals")
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
        var timer = Assert.Single(functions.Single(f => f.GetProperty("name").GetString() == "EvaluateRetraining")
            .GetProperty("bindings").EnumerateArray());

        Assert.Equal("models/{model}/signals", trigger.GetProperty("route").GetString());
        Assert.Equal("/api/models/{model}/signals", FrugalEndpoints.ModelSignals);
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("%FrugalEvaluateRetrainingSchedule%", timer.GetProperty("schedule").GetString());
    }

    [Fact]
    public void LocalSettingsSample_RetrainingSchedule_IsValidCron()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")));

        var schedule = settings.RootElement.GetProperty("Values").GetProperty("FrugalEvaluateRetrainingSchedule")
            .GetString()!;

        Assert.NotNull(Cronos.CronExpression.Parse(schedule, Cronos.CronFormat.IncludeSeconds)
            .GetNextOccurrence(DateTime.UtcNow));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<JsonElement> PostAsync(ModelSignalFunctions functions, string json, int status)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();

        var result = await functions.PostAsync(context.Request, "churn", Ct);

        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new()));
        Assert.Equal(status, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        return JsonSerializer.Deserialize<JsonElement>(context.Response.Body);
    }

    private static RetrainingRequest Request(IServiceProvider services)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FrugalHostOptions>>().Value;
        return new RetrainingRequest(options.PolicyPath, options.StatePath);
    }

    private static async Task<IReadOnlyList<AuditEntry>> Audit(IServiceProvider services) =>
        SqliteStateStore.OpenReadOnly(Request(services).StatePath!) is { } store
            ? await store.ReadAuditAsync(new AuditQuery(Limit: 100), Ct)
            : [];

    /// <summary>A USD 1,000 budget that holds training at 50 % of actual spend, and this month's spend.</summary>
    private ServiceProvider Services(decimal spend, bool launcher = true)
    {
        File.WriteAllText(Path.Combine(_folder, "costs.csv"), "BillingCurrency,BilledCost,ChargePeriodStart,"
            + $"ServiceName\nUSD,{spend},2022-12-02 00:00:00,Compute Engine\n");
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, """
            sources:
              focus: [costs.csv]
            budgets:
              - name: ml-training
                amount: 1000
                currency: USD
                thresholds:
                  - at: 0.5
                    actions: [holdTraining]
            training:
              project: ml-prod
              rates:
                - machineType: g2-standard-8
                  spot: 0.30
                  onDemand: 0.85
              templates:
                - name: churn-train
                  image: europe-docker.pkg.dev/ml-prod/train/churn:1
                  machineType: g2-standard-8
                  zones: [europe-west4-a]
                  checkpointUri: gs://ml-prod-checkpoints/churn
                  maxRunTime: 4h
            retraining:
              rules:
                - model: churn
                  when:
                    driftAbove: 0.3
                    metricBelow: {auc: 0.8}
                  minInterval: 7d
                  trainingJob: churn-train
                  budget: ml-training
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = Path.Combine(_folder, "state.db"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        if (launcher)
        {
            services.AddSingleton<IRetrainingLauncher>(_launcher);
        }

        services.AddFrugalHost(configuration);
        services.AddFrugalWebhooks(configuration);
        if (!launcher)
        {
            services.RemoveAll<IRetrainingLauncherSource>();
        }

        return services.BuildServiceProvider();
    }
}
