using System.Text.Json;
using Frugal.Engine;
using Frugal.Engine.BudgetEvents;

namespace Frugal.Webhooks;

/// <summary>
/// Reads a GCP budget notification as Pub/Sub pushes it: an envelope whose <c>message.data</c> is the budget's
/// JSON in base64 and whose attributes name the billing account and the budget.
/// </summary>
public static class GcpBudgetNotificationReader
{
    private const string SupportedSchema = "1.0";

    public static BudgetEvent Read(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using var envelope = AlertJson.Parse(body, "the Pub/Sub push body");
        var message = AlertJson.Object(envelope.RootElement, "message", "message");
        var attributes = AlertJson.Object(message, "attributes", "message.attributes");
        var schema = AlertJson.OptionalText(attributes, "schemaVersion", "message.attributes.schemaVersion");
        if (schema is not null && schema != SupportedSchema)
        {
            throw new FrugalInputException(
                $"message.attributes.schemaVersion '{AlertJson.Shorten(schema)}' is not supported (expected 1.0)");
        }

        var messageId = AlertJson.OptionalText(message, "messageId", "message.messageId")
            ?? AlertJson.Text(message, "message_id", "message.messageId");
        var published = message.TryGetProperty("publishTime", out _)
            ? AlertJson.Timestamp(message, "publishTime", "message.publishTime")
            : AlertJson.Timestamp(message, "publish_time", "message.publishTime");

        using var budget = AlertJson.Parse(DecodeData(message), "message.data (decoded)");
        return ToEvent(budget.RootElement, attributes, messageId, published, receivedAt);
    }

    private static BudgetEvent ToEvent(
        JsonElement budget,
        JsonElement attributes,
        string messageId,
        DateTimeOffset published,
        DateTimeOffset receivedAt)
    {
        const string Data = "message.data";
        var currency = AlertJson.Currency(AlertJson.Text(budget, "currencyCode", $"{Data}.currencyCode"),
            $"{Data}.currencyCode");
        var intervalStart = AlertJson.Timestamp(budget, "costIntervalStart", $"{Data}.costIntervalStart");
        AlertJson.Text(budget, "budgetAmountType", $"{Data}.budgetAmountType");

        return new BudgetEvent
        {
            Source = BudgetEventSource.Gcp,
            EventId = messageId,
            CloudBudgetId = AlertJson.Text(attributes, "budgetId", "message.attributes.budgetId"),
            CloudBudgetName = AlertJson.Text(budget, "budgetDisplayName", $"{Data}.budgetDisplayName"),
            BillingScope = AlertJson.Text(attributes, "billingAccountId", "message.attributes.billingAccountId"),
            Cost = new(AlertJson.Number(budget, "costAmount", $"{Data}.costAmount"), currency),
            BudgetAmount = new(AlertJson.Number(budget, "budgetAmount", $"{Data}.budgetAmount"), currency),
            IntervalStart = intervalStart,

            // The interval starts at midnight in the billing account's time zone; a day later is inside the same
            // calendar period in every time zone a policy budget may use (offsets stay within 14 hours).
            PeriodAnchor = intervalStart.AddDays(1),
            ActualThresholdExceeded =
                AlertJson.OptionalNumber(budget, "alertThresholdExceeded", $"{Data}.alertThresholdExceeded"),
            ForecastThresholdExceeded =
                AlertJson.OptionalNumber(budget, "forecastThresholdExceeded", $"{Data}.forecastThresholdExceeded"),
            ObservedAt = published,
            ReceivedAt = receivedAt,
        };
    }

    private static byte[] DecodeData(JsonElement message)
    {
        var data = AlertJson.Text(message, "data", "message.data");
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException ex)
        {
            throw new FrugalInputException("message.data is not base64", ex);
        }
    }
}
