using Frugal.Engine.Budgets;

namespace Frugal.Engine.Retraining;

/// <summary>Where a budget stands now, for admitting a retraining's estimated cost.</summary>
public interface IRetrainingBudgets
{
    /// <summary>The budget's status in its current period; null when it cannot be evaluated now.</summary>
    Task<BudgetStatus?> StatusAsync(string budget, CancellationToken ct);
}
