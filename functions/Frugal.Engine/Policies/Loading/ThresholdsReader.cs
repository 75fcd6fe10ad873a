using System.Globalization;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads a budget's <c>thresholds</c>: the rungs of its ladder, each with the actions it triggers.</summary>
internal static class ThresholdsReader
{
    private static readonly string[] Keys = ["at", "on", "actions"];

    private static readonly Dictionary<string, SpendBasis> Bases = new(StringComparer.Ordinal)
    {
        ["actual"] = SpendBasis.Actual,
        ["forecast"] = SpendBasis.Forecast,
    };

    public static IReadOnlyList<ThresholdRule> Read(PolicyNode? node, BudgetScope scope, PolicyReadContext context)
    {
        if (node is null)
        {
            return [];
        }

        var items = PolicyValues.Items(node, "thresholds", context.Errors);
        if (items.Count == 0 && node is PolicySequence)
        {
            context.Errors.Add(node, "a budget needs at least one threshold");
        }

        var rules = new List<ThresholdRule>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (ReadOne(item, scope, context) is not { } rule)
            {
                continue;
            }

            // The rung's id is part of idempotency keys, so two rungs with one id would silence each other.
            if (!firstLines.TryAdd(rule.Id, item.Line))
            {
                context.Errors.Add(item, $"duplicate threshold '{rule.Id}' (first at line {firstLines[rule.Id]})");
            }

            rules.Add(rule);
        }

        return rules;
    }

    private static ThresholdRule? ReadOne(PolicyNode item, BudgetScope scope, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "thresholds", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var fraction = ReadFraction(fields);
        var basis = fields.Choice("on", Bases) ?? SpendBasis.Actual;
        var actions = ActionsReader.Read(fields.Required("actions", "a threshold"), scope, context);
        return fraction is null
            ? null
            : new ThresholdRule { Fraction = fraction.Value, Basis = basis, Actions = actions };
    }

    private static decimal? ReadFraction(MappingFields fields)
    {
        var node = fields.Required("at", "a threshold");
        if (node is PolicyScalar { Value: var text } && text.TrimEnd().EndsWith('%'))
        {
            fields.Errors.Add(node, $"'at' is a fraction of the amount, not a percentage: {FractionHint(text)}");
            return null;
        }

        var fraction = node is null ? null : PolicyValues.Number(node, "at", fields.Errors);
        if (fraction is <= 0m or > 10m)
        {
            fields.Errors.Add(node!, "'at' must be greater than 0 and at most 10 (a fraction of the amount: "
                + $"0.9 is 90 %), got {((PolicyScalar)node!).Value}");
            return null;
        }

        return fraction;
    }

    private static string FractionHint(string percentage) =>
        decimal.TryParse(percentage.TrimEnd().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture,
            out var percent)
            ? string.Create(CultureInfo.InvariantCulture, $"write {percent / 100m:0.####} for {percentage.Trim()}")
            : "write 0.9 for 90 %";
}
