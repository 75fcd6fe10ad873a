using System.Globalization;
using System.Text.RegularExpressions;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Durations as people write them: <c>90m</c>, <c>6h</c>, <c>1h30m</c>, <c>2d</c>, <c>45s</c>.</summary>
internal static partial class DurationText
{
    public static TimeSpan? Read(PolicyNode? node, string what, PolicyErrors errors)
    {
        var text = node is null ? null : PolicyValues.Text(node, what, errors);
        if (text is null)
        {
            return null;
        }

        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            errors.Add(node!, $"'{what}' must be a duration such as 90m, 6h or 1h30m; got '{text}'");
            return null;
        }

        var total = TimeSpan.Zero;
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

        return total;
    }

    [GeneratedRegex("^(?<part>[0-9]{1,5}[dhms])+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
