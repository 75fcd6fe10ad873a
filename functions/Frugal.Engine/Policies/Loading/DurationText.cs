using System.Globalization;
using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Durations as people write them: whole numbers with a unit, alone or in a row: <c>90m</c>, <c>6h</c>,
/// <c>1h30m</c>, <c>7d</c>, <c>45s</c>.
/// </summary>
internal static partial class DurationText
{
    public const string Rule =
        "a whole number followed by m (minutes), h (hours) or d (days), as in 7d or 1h30m, more than zero";

    public static TimeSpan? Read(PolicyNode? node, string what, PolicyErrors errors)
    {
        var text = node is null ? null : PolicyValues.Text(node, what, errors);
        if (text is null)
        {
            return null;
        }

        var match = Pattern().Match(text);
        var total = TimeSpan.Zero;
        if (match.Success)
        {
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var amount = int.Parse(part.Value[..^1], CultureInfo.InvariantCulture);
                total += part.Value[^1] switch
                {
                    'd' => TimeSpan.FromDays(amount),
                    'h' => TimeSpan.FromHours(amount),
                    'm' => TimeSpan.FromMinutes(amount),
                    _ => TimeSpan.FromSeconds(amount),
                };
            }
        }

        if (!match.Success || total <= TimeSpan.Zero)
        {
            errors.Add(node!, $"'{what}' must be {Rule}; got '{text}'");
            return null;
        }

        return total;
    }

    /// <summary>The span as a policy would write it: <c>7d</c>, <c>12h</c>, <c>90m</c>, <c>1h30m</c>.</summary>
    public static string Format(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0m";
        }

        var text = new System.Text.StringBuilder();
        Append(text, span.Days, 'd');
        Append(text, span.Hours, 'h');
        Append(text, span.Minutes, 'm');
        Append(text, span.Seconds, 's');
        return text.ToString();

        static void Append(System.Text.StringBuilder text, int amount, char unit)
        {
            if (amount > 0)
            {
                text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
    }

    [GeneratedRegex("^(?<part>[0-9]{1,6}[dhms])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
