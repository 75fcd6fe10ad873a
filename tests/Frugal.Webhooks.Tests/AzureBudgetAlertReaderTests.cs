using System.Text;
using System.Text.Json.Nodes;
using Frugal.Engine;
using Frugal.Engine.BudgetEvents;
using Frugal.Testing;

namespace Frugal.Webhooks.Tests;

public sealed class AzureBudgetAlertReaderTests
{
    // The older budget notification: every value is text. Field names as Microsoft documents them; values made up.
    internal const string LegacyAlert = """
        {
          "schemaId": "AIP Budget Notification",
          "data": {
            "SubscriptionName": "ML Platform",
            "SubscriptionId": "11111111-1111-1111-1111-111111111111",
            "SpendingAmount": "4.16",
            "BudgetStartDate": "11/17/2021 5:40:29 PM -08:00",
            "Budget": "10",
            "Unit": "USD",
            "BudgetCreator": "test@sample.test",
            "BudgetName": "ml-sandbox",
            "BudgetType": "Cost",
            "ResourceGroup": "",
            "NotificationThresholdAmount": "8.0"
          }
        }
        """;

    private static readonly DateTimeOffset Received = new(2022, 12, 7, 21, 14, 0, TimeSpan.Zero);

    [Fact]
    public void Read_CommonSchemaActualCost_ReadsGroupedDollarAmounts()
    {
        var body = TestData.Bytes("azure-budget", "common_alert_schema_actual_cost_budget.json");

        var e = AzureBudgetAlertReader.Read(body, Received);

        Assert.Equal(BudgetEventSource.Azure, e.Source);
        Assert.Equal("Test_actual_cost_budget", e.CloudBudgetName);
        Assert.EndsWith("/budgets/Test_actual_cost_budget", e.CloudBudgetId, StringComparison.Ordinal);
        Assert.Equal(11111.00m, e.Cost.Amount);
        Assert.Equal("USD", e.Cost.Currency.Code);
        Assert.Equal(50m, e.BudgetAmount!.Value.Amount);
        Assert.Equal(0.5m, e.ActualThresholdExceeded);
        Assert.Null(e.ForecastThresholdExceeded);
        Assert.Null(e.Forecast);
        Assert.Equal(new DateTimeOffset(2022, 12, 7, 21, 13, 20, 645, TimeSpan.Zero), e.ObservedAt);
        const string AlertPrefix =
            "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.CostManagement/alerts/";
        Assert.StartsWith(AlertPrefix, e.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CommonSchemaForecast_ReadsTheForecastAndItsThreshold()
    {
        var body = TestData.Bytes("azure-budget", "common_alert_schema_forecasted_budget.json");

        var e = AzureBudgetAlertReader.Read(body, Received);

        Assert.Equal(999.99m, e.Cost.Amount);
        Assert.Equal(1111.11m, e.Forecast!.Value.Amount);
        Assert.Equal(1m, e.ForecastThresholdExceeded);
        Assert.Null(e.ActualThresholdExceeded);
    }

    [Fact]
    public void Read_TwoSamplesOfOneAlertRule_HaveDistinctEventIds()
    {
        var actual = AzureBudgetAlertReader.Read(
            TestData.Bytes("azure-budget", "common_alert_schema_actual_cost_budget.json"), Received);
        var forecast = AzureBudgetAlertReader.Read(
            TestData.Bytes("azure-budget", "common_alert_schema_forecasted_budget.json"), Received);

        Assert.NotEqual(actual.EventId, forecast.EventId);
    }

    [Fact]
    public void Read_LegacyNotification_ReadsValuesWrittenAsText()
    {
        var e = AzureBudgetAlertReader.Read(Encoding.UTF8.GetBytes(LegacyAlert), Received);

        Assert.Equal("ml-sandbox", e.CloudBudgetName);
        Assert.Equal(4.16m, e.Cost.Amount);
        Assert.Equal(10m, e.BudgetAmount!.Value.Amount);
        Assert.Equal(0.8m, e.ActualThresholdExceeded);
        Assert.Equal("11111111-1111-1111-1111-111111111111", e.BillingScope);
        Assert.Equal(Received, e.PeriodAnchor);
        Assert.Equal(64, e.EventId.Length);
    }

    [Fact]
    public void Read_LegacyNotificationTwice_GetsTheSameEventId()
    {
        var body = Encoding.UTF8.GetBytes(LegacyAlert);

        var first = AzureBudgetAlertReader.Read(body, Received);
        var again = AzureBudgetAlertReader.Read(body, Received.AddMinutes(5));

        Assert.Equal(first.EventId, again.EventId);
    }

    [Fact]
    public void Read_LegacyDateMalformed_NamesTheField()
    {
        var body = LegacyAlert.Replace("11/17/2021 5:40:29 PM -08:00", "17.11.2021", StringComparison.Ordinal);

        var error = Assert.Throws<FrugalInputException>(() =>
            AzureBudgetAlertReader.Read(Encoding.UTF8.GetBytes(body), Received));

        Assert.Equal("data.BudgetStartDate must be a date such as 11/17/2021 5:40:29 PM -08:00, got '17.11.2021'",
            error.Message);
    }

    [Fact]
    public void Read_NotACostAlert_IsRefused()
    {
        var alert = JsonNode.Parse(File.ReadAllText(
            TestData.Path("azure-budget", "common_alert_schema_actual_cost_budget.json")))!;
        alert["data"]!["essentials"]!["monitoringService"] = "Platform";

        var error = Assert.Throws<FrugalInputException>(() =>
            AzureBudgetAlertReader.Read(Encoding.UTF8.GetBytes(alert.ToJsonString()), Received));

        Assert.Contains("not CostAlerts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SpentAmountGarbled_NamesTheField()
    {
        var alert = JsonNode.Parse(File.ReadAllText(
            TestData.Path("azure-budget", "common_alert_schema_actual_cost_budget.json")))!;
        alert["data"]!["alertContext"]!["AlertData"]!["SpentAmount"] = "$11,11.00";

        var error = Assert.Throws<FrugalInputException>(() =>
            AzureBudgetAlertReader.Read(Encoding.UTF8.GetBytes(alert.ToJsonString()), Received));

        Assert.StartsWith(
            "data.alertContext.AlertData.SpentAmount must be an amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownSchema_IsRefused()
    {
        var error = Assert.Throws<FrugalInputException>(() =>
            AzureBudgetAlertReader.Read("""{"schemaId":"Microsoft.Insights/activityLogs"}"""u8.ToArray(), Received));

        Assert.StartsWith("schemaId 'Microsoft.Insights/activityLogs' is not a budget alert schema", error.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$11,111.00", "11111.00")]
    [InlineData("$1,234,567.89", "1234567.89")]
    [InlineData("4.16", "4.16")]
    [InlineData("1111.11", "1111.11")]
    [InlineData("($5.00)", "-5.00")]
    [InlineData(" $0.00 ", "0.00")]
    public void Parse_AmountAsAzureWritesIt_IsExact(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            AzureAmount.Parse(text, "x"));
    }

    [Theory]
    [InlineData("11,11.00")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.2.3")]
    public void Parse_NotAnAmount_Throws(string text)
    {
        Assert.Throws<FrugalInputException>(() => AzureAmount.Parse(text, "x"));
    }
}
