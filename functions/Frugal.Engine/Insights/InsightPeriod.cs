using System.Globalization;

namespace Frugal.Engine.Insights;

/// <summary>The span a report covers, [From, To) in UTC, and the span of equal length just before it.</summary>
public sealed record InsightPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Monthly figures are the period's scaled to this many days.</summary>
    public const int MonthDays = 30;

    public TimeSpan Length => To - From;

    public decimal Days => (decimal)Length.TotalHours / 24m;

    public InsightPeriod Previous => new(From - Length, From);

    /// <summary>Scales an amount seen over the period to 30 days.</summary>
    public decimal PerMonth(decimal amount) => amount * MonthDays * 24m / (decimal)Length.TotalHours;

    /// <summary>
    /// The default span: the 30 whole UTC days that end at the start of <paramref name="now"/>'s day.
    /// </summary>
    public static InsightPeriod EndingAt(DateTimeOffset now)
    {
        var to = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new InsightPeriod(to.AddDays(-MonthDays), to);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd HH:mm} to {To:yyyy-MM-dd HH:mm} UTC");
}
