using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Frugal.Engine;
using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Money;

namespace Frugal.Webhooks;

/// <summary>
/// Reads an Azure budget alert delivered by an action-group webhook, in either shape Azure sends: the common alert
/// schema (actual and forecasted cost budgets) or the older budget notification in which every value is text.
/// </summary>
public static class AzureBudgetAlertReader
{
    private const string CommonSchema = "azureMonitorCommonAlertSchema";
    private const string LegacySchema = "AIP Budget Notification";

    // The older format writes dates the en-US way with an offset: 11/17/2021 5:40:29 PM -08:00.
    private static readonly string[] LegacyDateFormats =
        ["M/d/yyyy h:mm:ss tt zzz", "M/d/yyyy h:mm:ss tt", "M/d/yyyy", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd"];

    public static BudgetEvent Read(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using var document = AlertJson.Parse(body, "the alert body");
        var root = document.RootElement;
        var schema = AlertJson.OptionalText(root, "schemaId", "schemaId");
        return schema switch
        {
            CommonSchema => ReadCommon(root, receivedAt),
            LegacySchema => ReadLegacy(root, body, receivedAt),
            null when AlertJson.OptionalObject(root, "data", "data") is { } data &&
                data.TryGetProperty("SpendingAmount", out _) => ReadLegacy(root, body, receivedAt),
            _ => throw new FrugalInputException(
                $"schemaId '{AlertJson.Shorten(schema ?? "")}' is not a budget alert schema " +
                $"(expected {CommonSchema} or {LegacySchema})"),
        };
    }

    private static BudgetEvent ReadCommon(JsonElement root, DateTimeOffset receivedAt)
    {
        var data = AlertJson.Object(root, "data", "data");
        var essentials = AlertJson.Object(data, "essentials", "data.essentials");
        var service = AlertJson.Text(essentials, "monitoringService", "data.essentials.monitoringService");
        if (!string.Equals(service, "CostAlerts", StringComparison.OrdinalIgnoreCase))
        {
            throw new FrugalInputException(
                $"data.essentials.monitoringService is '{AlertJson.Shorten(service)}', not CostAlerts: " +
                "not a budget alert");
        }

        const string Path = "data.alertContext.AlertData";
        var alert = AlertJson.Object(AlertJson.Object(data, "alertContext", "data.alertContext"), "AlertData", Path);
        var fired = AlertJson.Timestamp(essentials, "firedDateTime", "data.essentials.firedDateTime");
        var alertId = AlertJson.OptionalText(essentials, "alertId", "data.essentials.alertId");
        var name = AlertJson.Text(alert, "BudgetName", $"{Path}.BudgetName");
        var figures = Figures.Read(alert, Path, "SpentAmount", "BudgetThreshold");
        var forecastText =
            AlertJson.OptionalText(alert, "ForecastedTotalForPeriod", $"{Path}.ForecastedTotalForPeriod");
        var type = AlertJson.Text(alert, "ThresholdType", $"{Path}.ThresholdType");
        var isForecast = type.Equals("Forecasted", StringComparison.OrdinalIgnoreCase);
        if (!isForecast && !type.Equals("Actual", StringComparison.OrdinalIgnoreCase))
        {
            throw new FrugalInputException(
                $"{Path}.ThresholdType must be Actual or Forecasted, got '{AlertJson.Shorten(type)}'");
        }

        return figures.ToEvent(receivedAt) with
        {
            EventId = $"{alertId ?? name}|{fired.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}",
            CloudBudgetId = AlertJson.OptionalText(alert, "BudgetId", $"{Path}.BudgetId") ?? name,
            CloudBudgetName = name,
            BillingScope = AlertJson.OptionalText(alert, "Scope", $"{Path}.Scope"),
            Forecast = forecastText is null
                ? null
                : new Money(AzureAmount.Parse(forecastText, $"{Path}.ForecastedTotalForPeriod"), figures.Currency),
            ActualThresholdExceeded = isForecast ? null : figures.ThresholdFraction,
            ForecastThresholdExceeded = isForecast ? figures.ThresholdFraction : null,
            PeriodAnchor = fired,
            ObservedAt = fired,
        };
    }

    private static BudgetEvent ReadLegacy(JsonElement root, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        const string Path = "data";
        var data = AlertJson.Object(root, "data", Path);
        var name = AlertJson.Text(data, "BudgetName", $"{Path}.BudgetName");
        var figures = Figures.Read(data, Path, "SpendingAmount", "Budget");
        if (AlertJson.OptionalText(data, "BudgetStartDate", $"{Path}.BudgetStartDate") is { } start)
        {
            ParseLegacyDate(start, $"{Path}.BudgetStartDate");
        }

        // The older format carries no delivery id: the body's hash stands in, so a redelivery is recognised.
        return figures.ToEvent(receivedAt) with
        {
            EventId = Convert.ToHexStringLower(SHA256.HashData(body.Span)),
            CloudBudgetId = name,
            CloudBudgetName = name,
            BillingScope = AlertJson.OptionalText(data, "SubscriptionId", $"{Path}.SubscriptionId"),
            ActualThresholdExceeded = figures.ThresholdFraction,
        };
    }

    private static DateTimeOffset ParseLegacyDate(string text, string path) =>
        DateTimeOffset.TryParseExact(text, LegacyDateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date
            : throw new FrugalInputException(
                $"{path} must be a date such as 11/17/2021 5:40:29 PM -08:00, got '{AlertJson.Shorten(text)}'");

    /// <summary>The money fields both shapes share, under their own names.</summary>
    private sealed record Figures(CurrencyCode Currency, decimal Spent, decimal? Budget, decimal? Notified)
    {
        public decimal? ThresholdFraction =>
            Budget is > 0 && Notified is { } notified ? decimal.Round(notified / Budget.Value, 6) : null;

        public static Figures Read(JsonElement alert, string path, string spentKey, string budgetKey)
        {
            var currency = AlertJson.Currency(AlertJson.Text(alert, "Unit", $"{path}.Unit"), $"{path}.Unit");
            return new Figures(
                currency,
                AzureAmount.Parse(AlertJson.Text(alert, spentKey, $"{path}.{spentKey}"), $"{path}.{spentKey}"),
                Amount(alert, budgetKey, path),
                Amount(alert, "NotificationThresholdAmount", path));
        }

        public BudgetEvent ToEvent(DateTimeOffset receivedAt) => new()
        {
            Source = BudgetEventSource.Azure,
            EventId = string.Empty,
            CloudBudgetId = string.Empty,
            Cost = new Money(Spent, Currency),
            BudgetAmount = Budget is { } budget ? new Money(budget, Currency) : null,
            PeriodAnchor = receivedAt,
            ObservedAt = receivedAt,
            ReceivedAt = receivedAt,
        };

        private static decimal? Amount(JsonElement alert, string key, string path) =>
            AlertJson.OptionalText(alert, key, $"{path}.{key}") is { } text
                ? AzureAmount.Parse(text, $"{path}.{key}")
                : null;
    }
}
