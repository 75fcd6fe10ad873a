using System.Text.Json;
using Frugal.Hosting;
using Frugal.Server;
using Frugal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Functions.Tests;

/// <summary>The budget alert HTTP triggers, called directly as the Functions host would.</summary>
public sealed class BudgetAlertFunctionsTests : IDisposable
{
    private const string Secret = "0123456789abcdef-azure-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-alert-functions-").FullName;

    [Fact]
    public async Task AzureAsync_ActualCostAlertWithTheSecret_IsAccepted()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<BudgetAlertFunctions>(services);
        var context = Request(TestData.Bytes("azure-budget", "common_alert_schema_actual_cost_budget.json"));
        context.Request.Headers["X-Frugal-Secret"] = Secret;

        var result = await functions.AzureAsync(context.Request, CancellationToken.None);

        var body = await Execute(result, context);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        Assert.Equal("azure-ml", body.GetProperty("budgets")[0].GetString());
    }

    [Fact]
    public async Task AzureAsync_MalformedAlert_IsBadRequestWithTheReason()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<BudgetAlertFunctions>(services);
        var context = Request("""{"schemaId":"azureMonitorCommonAlertSchema","data":{}}"""u8.ToArray());
        context.Request.QueryString = new QueryString($"?secret={Secret}");

        var result = await functions.AzureAsync(context.Request, CancellationToken.None);

        var body = await Execute(result, context);
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal("data.essentials is missing", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task GcpAsync_NoToken_IsUnauthorized()
    {
        using var services = Services();
        var functions = ActivatorUtilities.CreateInstance<BudgetAlertFunctions>(services);
        var context = Request(TestData.Bytes("gcp-budget-pubsub", "pubsub_push_envelope_budget_CONSTRUCTED.json"));

        var result = await functions.GcpAsync(context.Request, CancellationToken.None);

        await Execute(result, context);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public void FunctionsMetadata_BudgetAlerts_AreAnonymousHttpPostsOnTheServePaths()
    {
        var metadata = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Path(
            "functions", "Frugal.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata")));

        var expected = new[]
        {
            ("GcpBudgetAlert", "budget-alerts/gcp", FrugalEndpoints.GcpBudgetAlerts),
            ("AzureBudgetAlert", "budget-alerts/azure", FrugalEndpoints.AzureBudgetAlerts),
        };
        foreach (var (name, route, servePath) in expected)
        {
            var function = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
            Assert.Equal("/api/" + route, servePath);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static DefaultHttpContext Request(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<JsonElement> Execute(IActionResult result, DefaultHttpContext context)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new()));
        context.Response.Body.Position = 0;
        return JsonSerializer.Deserialize<JsonElement>(context.Response.Body);
    }

    private ServiceProvider Services()
    {
        File.WriteAllText(Path.Combine(_folder, "costs.csv"),
            "BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\nUSD,0,2022-12-01 00:00:00,Compute Engine\n");
        var policy = Path.Combine(_folder, "frugal.yaml");
        File.WriteAllText(policy, """
            sources:
              focus: [costs.csv]
            channels:
              - name: ops
                kind: console
            budgets:
              - name: azure-ml
                amount: 20000
                currency: USD
                external:
                  azureBudgetNames: [Test_actual_cost_budget]
                thresholds:
                  - at: 0.5
                    actions:
                      - notify: [ops]
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Frugal:PolicyPath"] = policy,
            ["Frugal:StatePath"] = Path.Combine(_folder, "state.db"),
            ["Frugal:Webhooks:Azure:Secret"] = Secret,
            ["Frugal:Webhooks:Gcp:Audience"] = "https://frugal.example.com/api/budget-alerts/gcp",
            ["Frugal:Webhooks:Gcp:ServiceAccountEmail"] = "push@ml-platform.iam.gserviceaccount.com",
            ["Frugal:Webhooks:Gcp:KeysUri"] = "http://127.0.0.1:9/unused",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(
            new FakeTimeProvider(new DateTimeOffset(2022, 12, 7, 22, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddFrugalHost(configuration);
        services.AddFrugalWebhooks(configuration);
        return services.BuildServiceProvider();
    }
}
