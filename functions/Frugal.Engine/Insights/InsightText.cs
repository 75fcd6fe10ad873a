using System.Globalization;
using Frugal.Engine.Notifications;

namespace Frugal.Engine.Insights;

/// <summary>How figures read in evidence lines: amounts with their currency, shares as percentages.</summary>
internal static class InsightText
{
    // Below one unit, two decimals would say nothing (a small model's storage saves fractions of a cent).
    public static string Money(Money.Money money) =>
        money.Amount is > 0m and < 0.000001m
            ? $"under {money.Currency.Code} 0.000001"
            : money.Amount is > -1m and < 1m and not 0m
            ? $"{money.Currency.Code} {money.Amount.ToString("0.######", CultureInfo.InvariantCulture)}"
            : NotificationText.Money(money.Amount, money.Currency.Code);

    public static string Size(long bytes) => bytes >= 1L << 30
        ? (bytes / 1073741824m).ToString("0.###", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / 1048576m).ToString("0.###", CultureInfo.InvariantCulture) + " MiB";

    public static string Percent(decimal share) =>
        (share * 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Days(InsightPeriod period) => Number(period.Days) + " days";
}
