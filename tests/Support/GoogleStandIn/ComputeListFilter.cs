using System.Text.RegularExpressions;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>
/// The part of Compute's list filter language Frugal writes: <c>(field op "value")</c> clauses joined by
/// <c>AND</c>, with = != &gt; &gt;= &lt; &lt;=. Values compare as text, as Compute compares strings; anything
/// else is refused, so a client that writes another form finds out here.
/// </summary>
internal sealed partial class ComputeListFilter
{
    private readonly IReadOnlyList<(string Field, string Op, string Value)> _clauses;

    private ComputeListFilter(IReadOnlyList<(string Field, string Op, string Value)> clauses) => _clauses = clauses;

    public static ComputeListFilter All { get; } = new([]);

    public static ComputeListFilter? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }

        var clauses = new List<(string, string, string)>();
        foreach (var part in text.Split(" AND ", StringSplitOptions.TrimEntries))
        {
            var match = Clause().Match(part);
            if (!match.Success)
            {
                return null;
            }

            clauses.Add((match.Groups["field"].Value, match.Groups["op"].Value,
                Regex.Unescape(match.Groups["value"].Value)));
        }

        return new ComputeListFilter(clauses);
    }

    public bool Matches(Func<string, string?> field) => _clauses.All(c => Holds(field(c.Field), c.Op, c.Value));

    private static bool Holds(string? actual, string op, string expected)
    {
        if (actual is null)
        {
            return op == "!=";
        }

        var order = string.CompareOrdinal(actual, expected);
        return op switch
        {
            "=" => order == 0,
            "!=" => order != 0,
            ">" => order > 0,
            ">=" => order >= 0,
            "<" => order < 0,
            _ => order <= 0,
        };
    }

    [GeneratedRegex("""^\((?<field>[a-zA-Z][a-zA-Z0-9_.-]*) (?<op>=|!=|>=|<=|>|<) "(?<value>(?:[^"\\]|\\.)*)"\)$""")]
    private static partial Regex Clause();
}
