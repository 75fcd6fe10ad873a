using System.Globalization;

namespace Frugal.State.AzureTables;

/// <summary>
/// Instants as the same fixed-width UTC text the SQLite store writes: it round-trips to the tick and compares as a
/// string in a query filter, where the service's own date type keeps less precision on some emulators.
/// </summary>
internal static class Stamps
{
    public static string Of(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? ParseOrNull(string? text) => string.IsNullOrEmpty(text) ? null : Parse(text);
}
