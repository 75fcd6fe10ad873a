namespace Frugal.Engine.Budgets;

/// <summary>Resolves IANA time zone ids; Windows ids are refused so that policies mean the same everywhere.</summary>
public static class TimeZones
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo?> Resolved =
        new(StringComparer.Ordinal);

    public static bool TryResolve(string ianaId, out TimeZoneInfo zone)
    {
        var found = Resolved.GetOrAdd(ianaId ?? string.Empty, static id => Lookup(id, out var z) ? z : null);
        zone = found ?? TimeZoneInfo.Utc;
        return found is not null;
    }

    private static bool Lookup(string ianaId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return false;
        }

        if (ianaId is "UTC" or "Etc/UTC")
        {
            return true;
        }

        if (!TimeZoneInfo.TryConvertIanaIdToWindowsId(ianaId, out _) && !ianaId.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(ianaId);
            return zone.HasIanaId;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo Resolve(string ianaId) =>
        TryResolve(ianaId, out var zone)
            ? zone
            : throw new FrugalInputException($"'{ianaId}' is not an IANA time zone id (for example Europe/Berlin)");
}
