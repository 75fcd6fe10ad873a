using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Training;

/// <summary>
/// What one tick decides with: the policy, and where the budgets stand (null, with the reason, when they could not
/// be evaluated: jobs charged to a budget then wait).
/// </summary>
public sealed record TrainingTick(
    FrugalPolicy Policy, IReadOnlyList<BudgetStatus>? Budgets, string? BudgetsUnavailable = null);

/// <summary>What a tick changed, job by job.</summary>
public sealed record TrainingTickReport(IReadOnlyList<TrainingJobChange> Changes);

/// <summary>One job moved (or kept its state with a new reason).</summary>
public sealed record TrainingJobChange(string Job, TrainingJobState From, TrainingJobState To, string? Reason);
