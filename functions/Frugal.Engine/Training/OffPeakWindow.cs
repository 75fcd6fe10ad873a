using System.Globalization;
using Cronos;
using Frugal.Engine.Budgets;

namespace Frugal.Engine.Training;

/// <summary>A stretch of time when training may run, judged in local wall-clock time of an IANA time zone.</summary>
public abstract record OffPeakWindow
{
    public abstract bool IsOpen(DateTimeOffset instant, TimeZoneInfo zone);

    /// <summary>The window as written, for messages.</summary>
    public abstract string Describe();
}

/// <summary>
/// Some days of the week from one local time to another (<c>Mon-Fri 20:00-07:00</c>). A window whose end is before
/// its start runs past midnight and belongs to the day it starts on. Comparing wall-clock times is what a person
/// means: on the night clocks go forward the window is an hour shorter, on the night they go back an hour longer,
/// and it opens and closes at the hours written.
/// </summary>
public sealed record WeeklyOffPeakWindow(
    IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To, bool EndsAtMidnight) : OffPeakWindow
{
    public override bool IsOpen(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        if (EndsAtMidnight || To > From)
        {
            return Days.Contains(local.DayOfWeek) && time >= From && (EndsAtMidnight || time < To);
        }

        var yesterday = (DayOfWeek)(((int)local.DayOfWeek + 6) % 7);
        return (Days.Contains(local.DayOfWeek) && time >= From) || (Days.Contains(yesterday) && time < To);
    }

    public override string Describe()
    {
        var days = string.Join(',', Days.Order().Select(d => d.ToString()[..3]));
        var to = EndsAtMidnight ? "24:00" : To.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{days} {From.ToString("HH:mm", CultureInfo.InvariantCulture)}-{to}";
    }
}

/// <summary>
/// Open for <see cref="Duration"/> after each occurrence of a cron expression (five fields, Cronos), in the
/// schedule's time zone; Cronos skips a local time the clocks jump over and fires once for one they repeat.
/// </summary>
public sealed record CronOffPeakWindow(string Expression, TimeSpan Duration) : OffPeakWindow
{
    private readonly CronExpression _cron = CronExpression.Parse(Expression, CronFormat.Standard);

    public override bool IsOpen(DateTimeOffset instant, TimeZoneInfo zone) =>
        _cron.GetOccurrences(instant - Duration, instant, zone, fromInclusive: false, toInclusive: true).Any();

    public override string Describe() => $"cron '{Expression}' for {Duration}";
}
