using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// Decides whether a schedule window is open at an instant. Windows are compared in local wall-clock time, which
/// is what a person means by "20:00 to 07:00": on the night clocks go forward the window is an hour shorter, on
/// the night they go back an hour longer, and it still opens and closes at the times written.
/// </summary>
public static class ScheduleWindows
{
    public static bool IsOpen(ReplicaSchedule schedule, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var local = TimeZoneInfo.ConvertTime(instant, TimeZones.Resolve(schedule.TimeZone)).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var today = local.DayOfWeek;
        if (schedule.EndsAtMidnight || schedule.To > schedule.From)
        {
            return StartsOn(schedule, today) && time >= schedule.From
                && (schedule.EndsAtMidnight || time < schedule.To);
        }

        // Past midnight: the evening part belongs to today's window, the morning part to yesterday's.
        var yesterday = (DayOfWeek)(((int)today + 6) % 7);
        return (StartsOn(schedule, today) && time >= schedule.From)
            || (StartsOn(schedule, yesterday) && time < schedule.To);
    }

    /// <summary>The window as a person wrote it: <c>mon,tue 20:00-07:00 Europe/Berlin</c>.</summary>
    public static string Describe(ReplicaSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var days = schedule.Days.Count == 0
            ? "daily"
            : string.Join(',', schedule.Days.Select(d => d.ToString()[..3].ToLowerInvariant()));
        var to = schedule.EndsAtMidnight ? "24:00" : schedule.To.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{days} {schedule.From.ToString("HH:mm", CultureInfo.InvariantCulture)}-{to} {schedule.TimeZone}";
    }

    private static bool StartsOn(ReplicaSchedule schedule, DayOfWeek day) =>
        schedule.Days.Count == 0 || schedule.Days.Contains(day);
}
