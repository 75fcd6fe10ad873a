using Frugal.Engine.Budgets;

namespace Frugal.Engine.Training;

/// <summary>
/// When training may run: any of the windows, plus every listed holiday as a whole local day, in one IANA time
/// zone. An empty schedule is always open.
/// </summary>
public sealed record OffPeakSchedule(
    string TimeZone, IReadOnlyList<OffPeakWindow> Windows, IReadOnlySet<DateOnly> Holidays)
{
    private static readonly TimeSpan SearchStep = TimeSpan.FromMinutes(5);

    public static OffPeakSchedule Always { get; } = new("UTC", [], new HashSet<DateOnly>());

    public bool IsOpen(DateTimeOffset instant)
    {
        if (Windows.Count == 0 && Holidays.Count == 0)
        {
            return true;
        }

        var zone = TimeZones.Resolve(TimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        return Holidays.Contains(day) || Windows.Any(w => w.IsOpen(instant, zone));
    }

    /// <summary>
    /// The first instant (to five minutes) at or after <paramref name="from"/> when the schedule is open, looking
    /// a fortnight ahead; null when it does not open in that time.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset from)
    {
        for (var at = from; at < from.AddDays(14); at += SearchStep)
        {
            if (IsOpen(at))
            {
                return at;
            }
        }

        return null;
    }

    public string Describe() =>
        Windows.Count == 0 && Holidays.Count == 0
            ? "always"
            : string.Join("; ", Windows.Select(w => w.Describe())
                .Concat(Holidays.Count > 0 ? [$"holidays ({Holidays.Count})"] : [])) + $" {TimeZone}";
}
