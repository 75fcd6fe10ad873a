using Frugal.Engine;
using Frugal.Engine.Budgets;
using Frugal.Engine.Retraining;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.Retraining;

/// <summary>
/// Budget statuses for one retraining evaluation, from the main job's plan (read only). The ledger is read at
/// most once per evaluation, and only when a due retraining is charged to a budget.
/// </summary>
internal sealed partial class HostRetrainingBudgets(BudgetJob job, BudgetJobRequest request, ILogger logger)
    : IRetrainingBudgets
{
    private IReadOnlyList<BudgetStatus>? _statuses;

    public async Task<BudgetStatus?> StatusAsync(string budget, CancellationToken ct)
    {
        if (_statuses is null)
        {
            try
            {
                _statuses = (await job.PlanAsync(request, ct).ConfigureAwait(false)).Plan.Budgets;
            }
            catch (FrugalInputException ex)
            {
                // The decision is deferred with "cannot be evaluated now"; the cost data problem is logged here.
                LogNoStatus(ex.Message);
                _statuses = [];
            }
        }

        return _statuses.FirstOrDefault(s => string.Equals(s.Budget.Name, budget, StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(EventId = 3310, Level = LogLevel.Warning,
        Message = "Retraining cannot evaluate budgets: {Reason}")]
    private partial void LogNoStatus(string reason);
}
