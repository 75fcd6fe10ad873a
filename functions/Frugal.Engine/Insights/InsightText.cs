using System.Globalization;
using Frugal.Engine.Notifications;

namespace Frugal.Engine.Insights;

/// <summary>How figures read in evidence lines: amounts with their currency, shares as percentages.</summary>
internal static class InsightText
{
    public static string Money(Money.Money money) => NotificationText.Money(money.Amount, money.Currency.Code);

    public static string Percent(decimal share) =>
        (share * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Days(InsightPeriod period) => Number(period.Days) + " days";
}
