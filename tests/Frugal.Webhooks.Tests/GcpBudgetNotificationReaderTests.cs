using System.Text;
using System.Text.Json.Nodes;
using Frugal.Engine;
using Frugal.Engine.BudgetEvents;
using Frugal.Testing;

namespace Frugal.Webhooks.Tests;

public sealed class GcpBudgetNotificationReaderTests
{
    private static readonly DateTimeOffset Received = new(2021, 2, 26, 19, 14, 0, TimeSpan.Zero);

    [Fact]
    public void Read_BudgetEnvelope_TakesTheBudgetDataAndAttributes()
    {
        var body = TestData.Bytes("gcp-budget-pubsub", "pubsub_push_envelope_budget_CONSTRUCTED.json");

        var e = GcpBudgetNotificationReader.Read(body, Received);

        Assert.Equal(BudgetEventSource.Gcp, e.Source);
        Assert.Equal("2070443601311540", e.EventId);
        Assert.Equal("de72f49d-779b-4945-a127-4d6ce8def0bb", e.CloudBudgetId);
        Assert.Equal("My Personal Budget", e.CloudBudgetName);
        Assert.Equal("01D4EE-079462-DFD6EC", e.BillingScope);
        Assert.Equal(140.321m, e.Cost.Amount);
        Assert.Equal("USD", e.Cost.Currency.Code);
        Assert.Equal(152.557m, e.BudgetAmount!.Value.Amount);
        Assert.Equal(new DateTimeOffset(2021, 2, 1, 8, 0, 0, TimeSpan.Zero), e.IntervalStart);
        Assert.Equal(0.9m, e.ActualThresholdExceeded);
        Assert.Equal(0.2m, e.ForecastThresholdExceeded);
        Assert.Equal(new DateTimeOffset(2021, 2, 26, 19, 13, 55, 749, TimeSpan.Zero), e.ObservedAt);
        Assert.Equal(Received, e.ReceivedAt);
    }

    [Fact]
    public void Read_NoThresholdExceeded_LeavesBothThresholdsEmpty()
    {
        var body = Envelope(BudgetData("budget_data_no_threshold_DERIVED.json"));

        var e = GcpBudgetNotificationReader.Read(body, Received);

        Assert.Null(e.ActualThresholdExceeded);
        Assert.Null(e.ForecastThresholdExceeded);
        Assert.Equal(140.321m, e.Cost.Amount);
    }

    [Fact]
    public void Read_RedeliveredWithAnotherMessageId_HasTheSameContentKey()
    {
        var data = File.ReadAllText(TestData.Path("gcp-budget-pubsub", "budget_data_docs_example.json"));

        var first = GcpBudgetNotificationReader.Read(Envelope(data, "1"), Received);
        var second = GcpBudgetNotificationReader.Read(Envelope(data, "2"), Received.AddHours(6));

        Assert.NotEqual(first.EventId, second.EventId);
        Assert.Equal(first.ContentKey, second.ContentKey);
    }

    [Fact]
    public void Read_CostChanged_HasAnotherContentKey()
    {
        var data = JsonNode.Parse(BudgetData("budget_data_docs_example.json"))!;
        var first = GcpBudgetNotificationReader.Read(Envelope(data.ToJsonString(), "1"), Received);
        data["costAmount"] = 150.5m;

        var second = GcpBudgetNotificationReader.Read(Envelope(data.ToJsonString(), "2"), Received);

        Assert.NotEqual(first.ContentKey, second.ContentKey);
    }

    [Fact]
    public void Read_DocsEnvelopeHoldingPlainText_IsRefusedNamingTheData()
    {
        var body = TestData.Bytes("gcp-budget-pubsub", "pubsub_push_envelope_docs_example.json");

        var error = Assert.Throws<FrugalInputException>(() => GcpBudgetNotificationReader.Read(body, Received));

        Assert.StartsWith("message.data (decoded) is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("costAmount", "message.data.costAmount is missing")]
    [InlineData("currencyCode", "message.data.currencyCode is missing")]
    [InlineData("costIntervalStart", "message.data.costIntervalStart is missing")]
    public void Read_RequiredBudgetFieldMissing_NamesIt(string field, string expected)
    {
        var data = JsonNode.Parse(BudgetData("budget_data_docs_example.json"))!;
        data.AsObject().Remove(field);

        var error = Assert.Throws<FrugalInputException>(() =>
            GcpBudgetNotificationReader.Read(Envelope(data.ToJsonString()), Received));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Read_CostAsText_IsRefused()
    {
        var data = new JsonObject
        {
            ["budgetDisplayName"] = "b",
            ["costAmount"] = "lots",
            ["costIntervalStart"] = "2021-02-01T08:00:00Z",
            ["budgetAmount"] = 1,
            ["budgetAmountType"] = "SPECIFIED_AMOUNT",
            ["currencyCode"] = "USD",
        }.ToJsonString();

        var error = Assert.Throws<FrugalInputException>(
            () => GcpBudgetNotificationReader.Read(Envelope(data), Received));

        Assert.Equal("message.data.costAmount must be a number, got text 'lots'", error.Message);
    }

    [Fact]
    public void Read_DataNotBase64_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"message":{"attributes":{"budgetId":"b","billingAccountId":"a"},"data":"%%%",
             "messageId":"1","publishTime":"2021-02-26T19:13:55.749Z"}}
            """);

        var error = Assert.Throws<FrugalInputException>(() => GcpBudgetNotificationReader.Read(body, Received));

        Assert.Equal("message.data is not base64", error.Message);
    }

    [Fact]
    public void Read_UnknownSchemaVersion_IsRefused()
    {
        var body = Envelope("{}", schemaVersion: "2.0");

        var error = Assert.Throws<FrugalInputException>(() => GcpBudgetNotificationReader.Read(body, Received));

        Assert.Contains("schemaVersion '2.0' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotJson_IsRefused()
    {
        var error = Assert.Throws<FrugalInputException>(() =>
            GcpBudgetNotificationReader.Read("hello"u8.ToArray(), Received));

        Assert.StartsWith("the Pub/Sub push body is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    private static string BudgetData(string file) => File.ReadAllText(TestData.Path("gcp-budget-pubsub", file));

    internal static byte[] Envelope(
        string budgetJson, string messageId = "2070443601311540", string schemaVersion = "1.0")
    {
        var attributes = File.ReadAllText(TestData.Path("gcp-budget-pubsub", "budget_attributes_docs_example.json"));
        var envelope = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["attributes"] = JsonNode.Parse(attributes),
                ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(budgetJson)),
                ["messageId"] = messageId,
                ["publishTime"] = "2021-02-26T19:13:55.749Z",
            },
            ["subscription"] = "projects/myproject/subscriptions/mysubscription",
        };
        envelope["message"]!["attributes"]!["schemaVersion"] = schemaVersion;
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
