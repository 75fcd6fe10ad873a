using System.Globalization;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// One period of a budget in its time zone: local days <see cref="FirstDay"/> to <see cref="LastDay"/> inclusive,
/// and the instants where it begins and ends. Weeks begin on Monday (ISO 8601).
/// </summary>
public sealed record BudgetPeriod(BudgetPeriodKind Kind, DateOnly FirstDay, DateOnly LastDay, TimeZoneInfo TimeZone)
{
    public DateTimeOffset Start => LocalMidnight(FirstDay);

    public DateTimeOffset End => LocalMidnight(LastDay.AddDays(1));

    public int DayCount => LastDay.DayNumber - FirstDay.DayNumber + 1;

    /// <summary>A stable label for keys and reports: <c>2026-11</c>, <c>2026-W48</c>, <c>2026-11-30</c>.</summary>
    public string Label => Kind switch
    {
        BudgetPeriodKind.Month => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        BudgetPeriodKind.Week => IsoWeekLabel(FirstDay),
        _ => FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static string IsoWeekLabel(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return FormattableString.Invariant($"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="instant"/> in the zone.</summary>
    public static BudgetPeriod Containing(BudgetPeriodKind kind, TimeZoneInfo zone, DateTimeOffset instant)
    {
        var today = LocalDay(zone, instant);
        return kind switch
        {
            BudgetPeriodKind.Day => new BudgetPeriod(kind, today, today, zone),
            BudgetPeriodKind.Week => Week(today, zone),
            _ => Month(today, zone),
        };
    }

    /// <summary>The local calendar day of an instant in a zone.</summary>
    public static DateOnly LocalDay(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    private static BudgetPeriod Week(DateOnly today, TimeZoneInfo zone)
    {
        var sinceMonday = ((int)today.DayOfWeek + 6) % 7;
        var monday = today.AddDays(-sinceMonday);
        return new BudgetPeriod(BudgetPeriodKind.Week, monday, monday.AddDays(6), zone);
    }

    private static BudgetPeriod Month(DateOnly today, TimeZoneInfo zone)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        return new BudgetPeriod(BudgetPeriodKind.Month, first, first.AddMonths(1).AddDays(-1), zone);
    }

    // Midnight can fall into a daylight-saving gap (some zones switch at 00:00); the day then starts at the first
    // valid local instant after it.
    private DateTimeOffset LocalMidnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
