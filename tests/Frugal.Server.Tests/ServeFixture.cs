using Frugal.Hosting.BudgetAlerts;
using Frugal.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Server.Tests;

/// <summary>
/// <c>frugal serve</c> on a real Kestrel port on 127.0.0.1, with a policy in a temporary folder, a stopped clock and
/// Google's signing keys replaced by a test key published over local HTTP.
/// </summary>
internal sealed class ServeFixture : IAsyncDisposable
{
    public const string Audience = "https://frugal.example.com/api/budget-alerts/gcp";
    public const string Email = "budget-push@ml-platform.iam.gserviceaccount.com";
    public const string AzureSecret = "0123456789abcdef-azure-secret";
    public const string GcpBudgetId = "de72f49d-779b-4945-a127-4d6ce8def0bb";

    private ServeFixture(
        string folder, WebApplication app, LocalKeyServer keys, TestSigningKey key, FakeTimeProvider time)
    {
        Folder = folder;
        App = app;
        Keys = keys;
        Key = key;
        Time = time;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public string Folder { get; }

    public WebApplication App { get; }

    public LocalKeyServer Keys { get; }

    public TestSigningKey Key { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public string StatePath => Path.Combine(Folder, "state.db");

    public BudgetEvaluationQueue Evaluations => App.Services.GetRequiredService<BudgetEvaluationQueue>();

    public static async Task<ServeFixture> StartAsync(
        string? policyYaml = null,
        IReadOnlyDictionary<string, string?>? moreSettings = null,
        Action<IServiceCollection>? moreServices = null)
    {
        var folder = Directory.CreateTempSubdirectory("frugal-serve-").FullName;
        var policy = WritePolicy(folder, policyYaml);
        var time = new FakeTimeProvider(new DateTimeOffset(2021, 2, 26, 20, 0, 0, TimeSpan.Zero));
        var key = new TestSigningKey();
        var keys = await LocalKeyServer.StartAsync(key.KeySetJson());
        var settings = new Dictionary<string, string?>
        {
            ["Frugal:Webhooks:Azure:Secret"] = AzureSecret,
            ["Frugal:Webhooks:Gcp:Audience"] = Audience,
            ["Frugal:Webhooks:Gcp:ServiceAccountEmail"] = Email,
            ["Frugal:Webhooks:Gcp:KeysUri"] = keys.KeysUri.ToString(),
        };
        foreach (var (name, value) in moreSettings ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var request = new FrugalServerRequest(policy, "http://127.0.0.1:0", Path.Combine(folder, "state.db"),
            Settings: settings);
        var app = FrugalServer.Build(request, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
            services.AddLogging(logging => logging.ClearProviders());
            moreServices?.Invoke(services);
        });
        await app.StartAsync();
        return new ServeFixture(folder, app, keys, key, time);
    }

    public string Token(Func<PushClaims, PushClaims>? change = null)
    {
        var claims = new PushClaims(Audience, Email, Time.GetUtcNow().AddMinutes(-1));
        return Key.Mint(change is null ? claims : change(claims));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Keys.DisposeAsync();
        Key.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    // One row of no cost: the spend comes from the clouds' budget alerts alone.
    private static string WritePolicy(string folder, string? policyYaml)
    {
        File.WriteAllText(Path.Combine(folder, "costs.csv"),
            "BillingCurrency,BilledCost,ChargePeriodStart,ServiceName\nUSD,0,2021-02-01 00:00:00,Compute Engine\n");
        var policy = Path.Combine(folder, "frugal.yaml");
        File.WriteAllText(policy, policyYaml ?? $"""
            sources:
              focus: [costs.csv]
            channels:
              - name: ops
                kind: console
            budgets:
              - name: ml-platform
                amount: 150
                currency: USD
                external:
                  gcpBudgetIds: [{GcpBudgetId}]
                thresholds:
                  - at: 0.9
                    actions:
                      - notify: [ops]
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
        return policy;
    }
}
