using System.Net.Http.Headers;
using Frugal.Testing;
using Frugal.Testing.GoogleStandIn;

namespace Frugal.Server.Tests;

/// <summary>
/// The whole path of the last rung: a GCP budget alert reports spend over the detach threshold, the planner plans
/// the detach, and the composed handler detaches billing through Cloud Billing (the stand-in).
/// </summary>
public sealed class KillSwitchTests : IAsyncLifetime
{
    private const string Account = "billingAccounts/01D4EE-079462-DFD6EC";
    private GoogleApiStandIn _standIn = null!;
    private FakeCloudBilling _billing = null!;
    private string _keyFile = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _billing = new FakeCloudBilling(_standIn).With("ml-sandbox", Account);
        _keyFile = Path.Combine(Path.GetTempPath(), $"frugal-key-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_keyFile, _standIn.ServiceAccountKeyJson(), Ct);
    }

    [Fact]
    public async Task AlertOverTheLastRung_Live_DetachesBillingOnce()
    {
        await using var serve = await ServeFixture.StartAsync(Policy(dryRun: false), GoogleSettings());

        await PostAlertAsync(serve);
        await serve.Evaluations.WaitForEvaluationAsync(Ct);

        Assert.Equal("", _billing.AccountOf("ml-sandbox"));
        Assert.Single(_standIn.Calls, c => c.MethodId == "cloudbilling.projects.updateBillingInfo");
    }

    [Fact]
    public async Task AlertOverTheLastRung_DryRun_NeverCallsCloudBilling()
    {
        await using var serve = await ServeFixture.StartAsync(Policy(dryRun: true), GoogleSettings());

        await PostAlertAsync(serve);
        await serve.Evaluations.WaitForEvaluationAsync(Ct);

        Assert.Equal(Account, _billing.AccountOf("ml-sandbox"));
        Assert.Empty(_standIn.Calls);
    }

    public async ValueTask DisposeAsync()
    {
        await _standIn.DisposeAsync();
        File.Delete(_keyFile);
    }

    private static async Task PostAlertAsync(ServeFixture serve)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FrugalEndpoints.GcpBudgetAlerts)
        {
            Content = new ByteArrayContent(
                TestData.Bytes("gcp-budget-pubsub", "pubsub_push_envelope_budget_CONSTRUCTED.json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serve.Token());
        using var response = await serve.Client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
    }

    private Dictionary<string, string?> GoogleSettings() => new()
    {
        ["Frugal:Google:Enabled"] = "true",
        ["Frugal:Google:CredentialFile"] = _keyFile,
        ["Frugal:Google:CloudBillingEndpoint"] = _standIn.BaseUri.ToString(),
    };

    private static string Policy(bool dryRun) => $$"""
        safety:
          dryRun: {{(dryRun ? "true" : "false")}}
        sources:
          focus: [costs.csv]
        budgets:
          - name: sandbox
            amount: 100
            currency: USD
            scope:
              subAccounts: [ml-sandbox]
            external:
              gcpBudgetIds: [{{ServeFixture.GcpBudgetId}}]
            thresholds:
              - at: 1.2
                actions:
                  - detachBilling:
                      project: ml-sandbox
                      confirm: ml-sandbox
                      enabled: true
        """;
}
