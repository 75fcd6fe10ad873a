using System.Globalization;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads typed values out of nodes, reporting a wrong type at the value's own position. Each method returns null
/// after reporting, so callers carry on and the user sees every problem in one run.
/// </summary>
internal static class PolicyValues
{
    public static string? Text(PolicyNode node, string what, PolicyErrors errors) =>
        ScalarText(node, what, "text", errors);

    public static decimal? Number(PolicyNode node, string what, PolicyErrors errors)
    {
        var text = ScalarText(node, what, "a number", errors);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(node, $"'{what}' must be a number, got '{text}'");
        return null;
    }

    public static int? WholeNumber(PolicyNode node, string what, PolicyErrors errors)
    {
        var text = ScalarText(node, what, "a whole number", errors);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(node, $"'{what}' must be a whole number, got '{text}'");
        return null;
    }

    /// <summary>YAML 1.2 booleans only: <c>yes</c>, <c>on</c> and friends are refused rather than guessed.</summary>
    public static bool? Flag(PolicyNode node, string what, PolicyErrors errors)
    {
        var text = ScalarText(node, what, "true or false", errors);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        errors.Add(node, $"'{what}' must be true or false, got '{text}'");
        return null;
    }

    /// <summary>A list of text; a single value stands for a list of one and an empty value for an empty list.</summary>
    public static IReadOnlyList<string> TextList(PolicyNode node, string what, PolicyErrors errors) =>
        [.. TextItems(node, what, errors).Select(item => item.Text)];

    /// <summary>Like <see cref="TextList"/>, keeping each item's node so a bad item is reported where it is.</summary>
    public static IReadOnlyList<(PolicyNode Node, string Text)> TextItems(
        PolicyNode node, string what, PolicyErrors errors)
    {
        IReadOnlyList<PolicyNode> items = node switch
        {
            PolicyScalar { IsNull: true } => [],
            PolicyScalar => [node],
            PolicySequence sequence => sequence.Items,
            _ => Refuse<PolicyNode>(node, $"'{what}' must be a list of text, got {node.Description}", errors),
        };
        var texts = new List<(PolicyNode Node, string Text)>(items.Count);
        foreach (var item in items)
        {
            if (Text(item, what, errors) is { } text)
            {
                texts.Add((item, text));
            }
        }

        return texts;
    }

    /// <summary>One of a fixed set of words, case ignored.</summary>
    public static T? Choice<T>(
        PolicyNode node, string what, IReadOnlyDictionary<string, T> choices, PolicyErrors errors)
        where T : struct
    {
        var text = ScalarText(node, what, $"one of {string.Join(", ", choices.Keys)}", errors);
        if (text is null)
        {
            return null;
        }

        var match = choices.Keys.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return choices[match];
        }

        errors.Add(node, $"'{what}' must be one of {string.Join(", ", choices.Keys)}; got '{text}'"
            + NearestName.Hint(text, choices.Keys));
        return null;
    }

    public static PolicyMapping? Mapping(PolicyNode node, string what, PolicyErrors errors)
    {
        if (node is PolicyMapping mapping)
        {
            return mapping;
        }

        errors.Add(node, $"'{what}' must be a mapping of keys to values, got {node.Description}");
        return null;
    }

    /// <summary>The items of a list; an empty value is an empty list.</summary>
    public static IReadOnlyList<PolicyNode> Items(PolicyNode node, string what, PolicyErrors errors) =>
        node switch
        {
            PolicySequence sequence => sequence.Items,
            PolicyScalar { IsNull: true } => [],
            _ => Refuse<PolicyNode>(
                node, $"'{what}' must be a list (items start with '- '), got {node.Description}", errors),
        };

    private static string? ScalarText(PolicyNode node, string what, string expected, PolicyErrors errors)
    {
        if (node is not PolicyScalar scalar)
        {
            errors.Add(node, $"'{what}' must be {expected}, got {node.Description}");
            return null;
        }

        if (scalar.IsNull || string.IsNullOrWhiteSpace(scalar.Value))
        {
            errors.Add(node, $"'{what}' needs a value");
            return null;
        }

        return scalar.Value.Trim();
    }

    private static IReadOnlyList<T> Refuse<T>(PolicyNode node, string message, PolicyErrors errors)
    {
        errors.Add(node, message);
        return [];
    }
}
