namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Accepts IANA time zone ids only. On Linux .NET also finds zones by their Windows ids; those are refused with the
/// IANA id to write instead, so a policy means the same on every host.
/// </summary>
internal static class TimeZoneRule
{
    /// <summary>The zone's IANA id as the system spells it, or null with the reason why not.</summary>
    public static string? Resolve(string id, out string problem)
    {
        problem = "";
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            if (zone.HasIanaId)
            {
                return zone.Id;
            }

            problem = TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var ianaId)
                ? $"'{id}' is a Windows time zone id; IANA ids are required: write '{ianaId}'"
                : $"'{id}' is not an IANA time zone id";
            return null;
        }

        var ianaIds = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id);
        problem = $"unknown time zone '{id}'" + (NearestName.Find(id, ianaIds) is { } near
            ? $"; did you mean '{near}'?"
            : "; use an IANA id such as Europe/Berlin, America/New_York or UTC");
        return null;
    }
}
