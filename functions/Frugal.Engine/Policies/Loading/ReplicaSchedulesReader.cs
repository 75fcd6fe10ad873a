using System.Globalization;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads a rule's <c>schedules</c>: windows in an IANA time zone, on some days, from one local time to another,
/// each setting <c>minReplicas</c>.
/// </summary>
internal static class ReplicaSchedulesReader
{
    private static readonly string[] Keys = ["timeZone", "days", "from", "to", "minReplicas"];

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    public static IReadOnlyList<ReplicaSchedule> Read(PolicyNode? node, int floor, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "schedules", context.Errors);
        return [.. items.Select(item => ReadOne(item, floor, context)).OfType<ReplicaSchedule>()];
    }

    private static ReplicaSchedule? ReadOne(PolicyNode item, int floor, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "schedules", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var zone = ReadTimeZone(fields);
        var days = ReadDays(fields);
        var from = ReadTime(fields, "from", allowMidnightEnd: false);
        var to = ReadTime(fields, "to", allowMidnightEnd: true);
        var min = ReadMinReplicas(fields, floor);
        if (from is { } start && to is { } end && start.Time == end.Time && !end.IsMidnightEnd)
        {
            fields.Errors.Add(fields.Value("to")!,
                "'to' equals 'from': the window would be empty; for a whole day write "
                + "from: \"00:00\" and to: \"24:00\"");
            return null;
        }

        return zone is null || from is null || to is null || min is null
            ? null
            : new ReplicaSchedule
            {
                TimeZone = zone,
                Days = days,
                From = from.Value.Time,
                To = to.Value.Time,
                EndsAtMidnight = to.Value.IsMidnightEnd,
                MinReplicas = min.Value,
            };
    }

    private static string? ReadTimeZone(MappingFields fields)
    {
        var node = fields.Required("timeZone", "a schedule");
        var text = node is null ? null : PolicyValues.Text(node, "timeZone", fields.Errors);
        if (text is null)
        {
            return null;
        }

        var ianaId = TimeZoneRule.Resolve(text, out var problem);
        if (ianaId is null)
        {
            fields.Errors.Add(node!, problem);
        }

        return ianaId;
    }

    private static IReadOnlyList<DayOfWeek> ReadDays(MappingFields fields)
    {
        if (fields.Value("days") is not { } node)
        {
            return [];
        }

        var days = new List<DayOfWeek>();
        foreach (var (at, text) in PolicyValues.TextItems(node, "days", fields.Errors))
        {
            var key = Days.Keys.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                fields.Errors.Add(at, $"'days' holds '{text}'; write days as {string.Join(", ", Days.Keys)}"
                    + NearestName.Hint(text, Days.Keys));
            }
            else if (!days.Contains(Days[key]))
            {
                days.Add(Days[key]);
            }
        }

        return days;
    }

    private static (TimeOnly Time, bool IsMidnightEnd)? ReadTime(
        MappingFields fields, string key, bool allowMidnightEnd)
    {
        var node = fields.Required(key, "a schedule");
        var text = node is null ? null : PolicyValues.Text(node, key, fields.Errors);
        if (text is null)
        {
            return null;
        }

        if (allowMidnightEnd && text == "24:00")
        {
            return (TimeOnly.MinValue, true);
        }

        if (text.Length == 5 && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var time))
        {
            return (time, false);
        }

        fields.Errors.Add(node!, $"'{key}' must be a local time as HH:mm (\"07:30\")"
            + (allowMidnightEnd ? " or \"24:00\"" : "") + $", got '{text}'");
        return null;
    }

    private static int? ReadMinReplicas(MappingFields fields, int floor)
    {
        var node = fields.Required("minReplicas", "a schedule");
        var min = node is null ? null : PolicyValues.WholeNumber(node, "minReplicas", fields.Errors);
        if (min < Math.Max(1, floor))
        {
            fields.Errors.Add(node!, min < 1
                ? "'minReplicas' must be at least 1"
                : string.Create(CultureInfo.InvariantCulture,
                    $"'minReplicas' {min} is below the rule's floor {floor}"));
            return null;
        }

        return min;
    }
}
