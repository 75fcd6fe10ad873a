namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the <c>budgets</c> list: at least one budget, each name used once.</summary>
internal static class BudgetsReader
{
    public static IReadOnlyList<BudgetPolicy> Read(PolicyNode? node, PolicyMapping policy, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "budgets", context.Errors);
        if (items.Count == 0)
        {
            context.Errors.Add(node ?? policy, "the policy needs at least one budget under 'budgets'");
        }

        UniqueNames.Check(items, "budget", context.Errors);
        return [.. items.Select(item => BudgetReader.Read(item, context)).OfType<BudgetPolicy>()];
    }
}
