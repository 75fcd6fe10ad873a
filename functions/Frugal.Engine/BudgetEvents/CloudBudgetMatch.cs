using Frugal.Engine.Policies;

namespace Frugal.Engine.BudgetEvents;

/// <summary>
/// Which policy budgets a cloud budget alert reports on: those that link the cloud budget under <c>external</c>;
/// when none does, a budget whose name is the cloud budget's name (ignoring case). Pure.
/// </summary>
public static class CloudBudgetMatch
{
    public static IReadOnlyList<BudgetPolicy> BudgetsFor(FrugalPolicy policy, BudgetEvent budgetEvent)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budgetEvent);

        var linked = policy.Budgets.Where(b => Links(b.External, budgetEvent)).ToList();
        if (linked.Count > 0 || budgetEvent.CloudBudgetName is not { } name)
        {
            return linked;
        }

        return [.. policy.Budgets.Where(b => string.Equals(b.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))];
    }

    private static bool Links(CloudBudgetLinks links, BudgetEvent budgetEvent) =>
        budgetEvent.Source switch
        {
            BudgetEventSource.Gcp => links.GcpBudgetIds.Contains(budgetEvent.CloudBudgetId, StringComparer.Ordinal),
            _ => links.AzureBudgetNames.Any(n => IsAzureBudget(n, budgetEvent)),
        };

    // Azure alerts name the budget and give its resource id, whose last segment is the name again.
    private static bool IsAzureBudget(string name, BudgetEvent budgetEvent) =>
        string.Equals(name, budgetEvent.CloudBudgetName, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(name, budgetEvent.CloudBudgetId.TrimEnd('/').Split('/')[^1], StringComparison.OrdinalIgnoreCase);
}
