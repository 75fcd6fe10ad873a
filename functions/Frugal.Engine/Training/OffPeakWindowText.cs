using System.Globalization;

namespace Frugal.Engine.Training;

/// <summary>
/// Reads a weekly window as people write it: <c>Mon-Fri 20:00-07:00</c>, <c>Sat,Sun 00:00-24:00</c>,
/// <c>daily 22:00-06:00</c>, or <c>weekends</c> (all of Saturday and Sunday).
/// </summary>
public static class OffPeakWindowText
{
    private static readonly DayOfWeek[] Week =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    public static WeeklyOffPeakWindow? Parse(string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = string.Empty;
        var trimmed = text.Trim();
        if (trimmed.Equals("weekends", StringComparison.OrdinalIgnoreCase))
        {
            var weekend = new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday };
            return new(weekend, TimeOnly.MinValue, TimeOnly.MinValue, EndsAtMidnight: true);
        }

        var parts = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var days = parts.Length == 2 ? Days(parts[0]) : null;
        var times = parts.Length == 2 ? parts[1].Split('-') : [];
        if (days is null || times.Length != 2 || !Time(times[0], out var from, out _)
            || !Time(times[1], out var to, out var midnight))
        {
            problem = $"'{text}' is not a window: write DAYS FROM-TO, as in 'Mon-Fri 20:00-07:00', or 'weekends'";
            return null;
        }

        if (from == to && !midnight)
        {
            problem = $"'{text}' is empty: for whole days write 00:00-24:00";
            return null;
        }

        return new(days, from, to, midnight);
    }

    private static HashSet<DayOfWeek>? Days(string text)
    {
        if (text.Equals("daily", StringComparison.OrdinalIgnoreCase))
        {
            return [.. Week];
        }

        var days = new HashSet<DayOfWeek>();
        foreach (var item in text.Split(','))
        {
            var range = item.Split('-');
            var first = Day(range[0]);
            var last = range.Length == 2 ? Day(range[1]) : first;
            if (first is null || last is null || range.Length > 2)
            {
                return null;
            }

            // A range may wrap past Sunday (Fri-Mon).
            for (var i = first.Value; ; i = (i + 1) % 7)
            {
                days.Add(Week[i]);
                if (i == last.Value)
                {
                    break;
                }
            }
        }

        return days;
    }

    private static int? Day(string text)
    {
        var index = Array.FindIndex(Week, d => d.ToString()[..3].Equals(text, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index;
    }

    private static bool Time(string text, out TimeOnly time, out bool midnightEnd)
    {
        midnightEnd = text == "24:00";
        if (midnightEnd)
        {
            time = TimeOnly.MinValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
