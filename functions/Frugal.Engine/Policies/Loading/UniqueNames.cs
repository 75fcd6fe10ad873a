namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Finds the names of a list of named items (budgets, channels) and reports a name used twice, case ignored.
/// Names are taken straight from the tree so an item with other problems still takes part.
/// </summary>
internal static class UniqueNames
{
    public static IReadOnlyList<string> Check(IReadOnlyList<PolicyNode> items, string what, PolicyErrors errors)
    {
        var firstLines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            if (item is not PolicyMapping mapping || mapping.Find("name") is not PolicyScalar { IsNull: false } node)
            {
                continue;
            }

            var name = node.Value.Trim();
            if (firstLines.TryGetValue(name, out var firstLine))
            {
                errors.Add(node, $"duplicate {what} name '{name}' (first at line {firstLine})");
            }
            else
            {
                firstLines.Add(name, node.Line);
            }
        }

        return [.. firstLines.Keys];
    }
}
