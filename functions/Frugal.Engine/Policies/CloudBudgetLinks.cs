namespace Frugal.Engine.Policies;

/// <summary>
/// The cloud budgets whose alerts report a policy budget's spend. A linked cloud budget must count the same spend
/// over the same period as the policy budget: its figures are taken as the policy budget's own.
/// </summary>
public sealed record CloudBudgetLinks
{
    public static CloudBudgetLinks None { get; } = new();

    /// <summary>GCP budget ids (the <c>budgetId</c> attribute of the Pub/Sub notification).</summary>
    public IReadOnlyList<string> GcpBudgetIds { get; init; } = [];

    /// <summary>Azure budget names (<c>BudgetName</c> in the alert), compared ignoring case as Azure does.</summary>
    public IReadOnlyList<string> AzureBudgetNames { get; init; } = [];

    public bool IsEmpty => GcpBudgetIds.Count == 0 && AzureBudgetNames.Count == 0;
}
