using System.Text.RegularExpressions;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// A Kubernetes label selector in its text form: requirements joined by commas, each one of <c>key</c>,
/// <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c> or
/// <c>key notin (a,b)</c>. An HPA matches when it meets every requirement.
/// </summary>
public sealed partial record LabelSelector(IReadOnlyList<LabelRequirement> Requirements, string Text)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Requirements.All(r => r.Matches(labels));
    }

    public override string ToString() => Text;

    /// <summary>The selector, or null with a one-line reason naming the part that is wrong.</summary>
    public static LabelSelector? Parse(string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = "";
        var requirements = new List<LabelRequirement>();
        foreach (var part in SplitRequirements(text))
        {
            if (ParseRequirement(part.Trim(), out problem) is not { } requirement)
            {
                return null;
            }

            requirements.Add(requirement);
        }

        if (requirements.Count == 0)
        {
            problem = "a label selector needs at least one requirement, as in app=llm";
            return null;
        }

        return new LabelSelector(requirements, text.Trim());
    }

    /// <summary>True when the text is a label key: an optional DNS prefix and '/', then a short name.</summary>
    public static bool IsKey(string text) => KeyPattern().IsMatch(text);

    // Commas inside "in (a,b)" belong to the set, not to the list of requirements.
    private static IEnumerable<string> SplitRequirements(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (text.Trim().Length > 0)
        {
            yield return text[start..];
        }
    }

    private static LabelRequirement? ParseRequirement(string part, out string problem)
    {
        problem = "";
        var match = RequirementPattern().Match(part);
        if (!match.Success)
        {
            problem = $"'{part}' is not a label requirement: write key=value, key!=value, key in (a,b), "
                + "key notin (a,b), key or !key";
            return null;
        }

        var key = match.Groups["key"].Value;
        var values = match.Groups["set"].Success
            ? match.Groups["set"].Value.Split(',').Select(v => v.Trim()).ToList()
            : [match.Groups["value"].Value.Trim()];
        var op = Operator(match);
        if (!IsKey(key))
        {
            problem = $"'{key}' is not a label key (an optional DNS prefix and '/', then up to 63 characters)";
            return null;
        }

        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist)
        {
            values = [];
        }

        if (values.FirstOrDefault(v => !ValuePattern().IsMatch(v)) is { } bad)
        {
            problem = $"'{bad}' is not a label value (up to 63 letters, digits, '-', '_' or '.')";
            return null;
        }

        return new LabelRequirement(key, op, values);
    }

    private static LabelOperator Operator(Match match) =>
        match.Groups["not"].Success ? LabelOperator.DoesNotExist
        : match.Groups["op"].Value switch
        {
            "=" or "==" => LabelOperator.Equals,
            "!=" => LabelOperator.NotEquals,
            "in" => LabelOperator.In,
            "notin" => LabelOperator.NotIn,
            _ => LabelOperator.Exists,
        };

    private const string Requirement =
        @"^(?:(?<not>!)\s*(?<key>[^\s=!(),]+)"
        + @"|(?<key>[^\s=!(),]+)\s*(?:(?<op>==|=|!=)\s*(?<value>[^\s=!(),]*)"
        + @"|\s+(?<op>in|notin)\s*\((?<set>[^()]*)\))?)$";

    [GeneratedRegex(Requirement, RegexOptions.CultureInvariant)]
    private static partial Regex RequirementPattern();

    private const string Key =
        @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
        + @"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

    [GeneratedRegex(Key, RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();
}

public enum LabelOperator
{
    Equals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// <summary>One requirement of a <see cref="LabelSelector"/>.</summary>
public sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => present,
            LabelOperator.DoesNotExist => !present,
            LabelOperator.Equals or LabelOperator.In => present && Values.Contains(value, StringComparer.Ordinal),
            _ => !present || !Values.Contains(value, StringComparer.Ordinal),
        };
    }
}
