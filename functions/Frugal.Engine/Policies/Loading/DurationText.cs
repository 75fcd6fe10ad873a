using System.Globalization;
using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a span of time written as a whole number and a unit: <c>90m</c>, <c>12h</c>, <c>30d</c>.</summary>
internal static partial class DurationText
{
    public const string Rule = "a whole number followed by m (minutes), h (hours) or d (days), as in 7d";

    public static TimeSpan? Read(PolicyNode node, string what, PolicyErrors errors)
    {
        var text = PolicyValues.Text(node, what, errors);
        if (text is null)
        {
            return null;
        }

        var match = Pattern().Match(text);
        if (!match.Success
            || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count == 0)
        {
            errors.Add(node, $"'{what}' must be {Rule}, more than zero; got '{text}'");
            return null;
        }

        return match.Groups[2].Value switch
        {
            "m" => TimeSpan.FromMinutes(count),
            "h" => TimeSpan.FromHours(count),
            _ => TimeSpan.FromDays(count),
        };
    }

    /// <summary>The span as the policy would write it: <c>7d</c>, <c>12h</c>, <c>90m</c>.</summary>
    public static string Format(TimeSpan span) =>
        span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalDays}d")
            : span.Ticks % TimeSpan.TicksPerHour == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h")
                : string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMinutes}m");

    [GeneratedRegex(@"^([0-9]{1,6})\s*([mhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
