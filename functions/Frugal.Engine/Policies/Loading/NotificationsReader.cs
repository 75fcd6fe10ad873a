using System.Globalization;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>notifications</c>: attempts before a message is dead-lettered, and the digest's time.</summary>
internal static class NotificationsReader
{
    private static readonly string[] Keys = ["maxAttempts", "digest"];

    private static readonly string[] DigestKeys = ["at", "timeZone"];

    public static NotificationPolicy Read(
        PolicyNode? node, IReadOnlyList<NotificationRoute> routes, PolicyReadContext context)
    {
        var defaults = new NotificationPolicy { Routes = routes };
        if (node is null || PolicyValues.Mapping(node, "notifications", context.Errors) is not { } mapping)
        {
            return defaults;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var (at, zone) = ReadDigest(fields.Value("digest"), context);
        return defaults with
        {
            MaxAttempts = MaxAttempts(fields) ?? defaults.MaxAttempts,
            DigestAt = at ?? defaults.DigestAt,
            DigestTimeZone = zone ?? defaults.DigestTimeZone,
        };
    }

    private static int? MaxAttempts(MappingFields fields)
    {
        var max = fields.WholeNumber("maxAttempts");
        if (max is < 1 or > 100)
        {
            fields.Errors.Add(fields.Value("maxAttempts")!, "'maxAttempts' must be between 1 and 100");
            return null;
        }

        return max;
    }

    private static (TimeOnly? At, string? Zone) ReadDigest(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "digest", context.Errors) is not { } mapping)
        {
            return (null, null);
        }

        var fields = new MappingFields(mapping, context.Errors, DigestKeys);
        return (ReadTime(fields), ReadZone(fields));
    }

    private static TimeOnly? ReadTime(MappingFields fields)
    {
        var text = fields.Text("at");
        if (text is null)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var time))
        {
            return time;
        }

        fields.Errors.Add(fields.Value("at")!, $"'at' must be a time of day as HH:mm (24-hour), got '{text}'");
        return null;
    }

    private static string? ReadZone(MappingFields fields)
    {
        var text = fields.Text("timeZone");
        if (text is null)
        {
            return null;
        }

        var zone = TimeZoneRule.Resolve(text, out var problem);
        if (zone is null)
        {
            fields.Errors.Add(fields.Value("timeZone")!, problem);
        }

        return zone;
    }
}
