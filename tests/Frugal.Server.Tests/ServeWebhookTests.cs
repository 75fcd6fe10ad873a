using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Frugal.Engine.State;
using Frugal.State.Sqlite;
using Frugal.Testing;

namespace Frugal.Server.Tests;

/// <summary>The budget webhooks of <c>frugal serve</c>, over real HTTP.</summary>
public sealed class ServeWebhookTests : IAsyncLifetime
{
    private ServeFixture _serve = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _serve = await ServeFixture.StartAsync();

    [Fact]
    public async Task GcpAlert_SignedPush_IsAcceptedAndEvaluatedThroughThePlanner()
    {
        using var response = await PostGcpAsync(GcpBody(), _serve.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await Json(response);
        Assert.Equal("accepted", outcome.GetProperty("outcome").GetString());
        Assert.Equal("ml-platform", outcome.GetProperty("budgets")[0].GetString());
        await _serve.Evaluations.WaitForEvaluationAsync(Ct);
        var audit = await Audit();
        Assert.Contains(audit, e => e.Kind == AuditKind.Crossing && e.Budget == "ml-platform");
        Assert.Single(audit, e => e.Kind == AuditKind.Notification && e.Budget == "ml-platform");
    }

    [Fact]
    public async Task GcpAlert_RedeliveredAndRepeated_ActsOnce()
    {
        using var first = await PostGcpAsync(GcpBody(), _serve.Token());
        await _serve.Evaluations.WaitForEvaluationAsync(Ct);

        using var redelivered = await PostGcpAsync(GcpBody(), _serve.Token());
        var repeatedBody = Encoding.UTF8.GetString(GcpBody()).Replace("2070443601311540", "2070443601399999",
            StringComparison.Ordinal);
        using var repeated = await PostGcpAsync(Encoding.UTF8.GetBytes(repeatedBody), _serve.Token());

        Assert.Equal("repeat", (await Json(redelivered)).GetProperty("outcome").GetString());
        Assert.Equal("repeat", (await Json(repeated)).GetProperty("outcome").GetString());
        Assert.Single(await Audit(), e => e.Kind == AuditKind.Notification);
    }

    [Fact]
    public async Task GcpAlert_NoToken_IsUnauthorized()
    {
        using var response = await PostGcpAsync(GcpBody(), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("no bearer token", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task GcpAlert_ExpiredDocsToken_IsUnauthorizedAndRecordsNothing()
    {
        using var docs = JsonDocument.Parse(
            File.ReadAllText(TestData.Path("gcp-budget-pubsub", "pubsub_push_oidc_jwt_docs_example.json")));
        var header = docs.RootElement.GetProperty("authorizationHeader").GetString()!;

        using var response = await PostGcpAsync(GcpBody(), header["Bearer ".Length..]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await Audit());
    }

    [Fact]
    public async Task GcpAlert_TokenForAnotherAudience_IsUnauthorized()
    {
        using var response = await PostGcpAsync(GcpBody(),
            _serve.Token(c => c with { Audience = "https://elsewhere.example.com" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GcpAlert_MalformedBody_IsBadRequestWithTheReason()
    {
        using var response = await PostGcpAsync("""{"subscription":"x"}"""u8.ToArray(), _serve.Token());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("message is missing", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task GcpAlert_BodyOverOneMebibyte_IsRefused()
    {
        var body = new byte[BudgetWebhookHandler.MaxBodyBytes + 1];
        body.AsSpan().Fill((byte)' ');

        using var response = await PostGcpAsync(body, _serve.Token());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AzureAlert_SecretInTheQuery_IsAccepted()
    {
        using var content = new ByteArrayContent(AzureActualCostAlert());

        using var response = await _serve.Client.PostAsync(
            $"{FrugalEndpoints.AzureBudgetAlerts}?secret={ServeFixture.AzureSecret}", content, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await Json(response);
        Assert.Equal("accepted", outcome.GetProperty("outcome").GetString());
        Assert.Equal("azure-ml", outcome.GetProperty("budgets")[0].GetString());
    }

    [Fact]
    public async Task AzureAlert_LegacyFormatWithSecretInTheHeader_IsTakenIn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FrugalEndpoints.AzureBudgetAlerts)
        {
            Content = new StringContent(LegacyAlert, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Frugal-Secret", ServeFixture.AzureSecret);

        using var response = await _serve.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unmatched", (await Json(response)).GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("?secret=wrong-secret-of-some-length")]
    [InlineData("")]
    public async Task AzureAlert_WrongOrNoSecret_IsUnauthorized(string query)
    {
        using var content = new ByteArrayContent(AzureActualCostAlert());

        using var response = await _serve.Client.PostAsync($"{FrugalEndpoints.AzureBudgetAlerts}{query}", content, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Health_Running_AnswersOk()
    {
        var health = await _serve.Client.GetFromJsonAsync<JsonElement>(FrugalEndpoints.Health, Ct);

        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    public async ValueTask DisposeAsync() => await _serve.DisposeAsync();

    private const string LegacyAlert = """
        {"schemaId":"AIP Budget Notification","data":{"SubscriptionId":"11111111-1111-1111-1111-111111111111",
         "SpendingAmount":"4.16","BudgetStartDate":"11/17/2021 5:40:29 PM -08:00","Budget":"10","Unit":"USD",
         "BudgetName":"unlinked-budget","BudgetType":"Cost","NotificationThresholdAmount":"8.0"}}
        """;

    private static byte[] AzureActualCostAlert() =>
        TestData.Bytes("azure-budget", "common_alert_schema_actual_cost_budget.json");

    private static byte[] GcpBody() =>
        TestData.Bytes("gcp-budget-pubsub", "pubsub_push_envelope_budget_CONSTRUCTED.json");

    private async Task<HttpResponseMessage> PostGcpAsync(byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FrugalEndpoints.GcpBudgetAlerts)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _serve.Client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private async Task<IReadOnlyList<AuditEntry>> Audit()
    {
        var store = SqliteStateStore.OpenReadOnly(_serve.StatePath);
        return store is null ? [] : await store.ReadAuditAsync(new AuditQuery(), Ct);
    }
}
