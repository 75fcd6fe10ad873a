using Frugal.Engine.Budgets;

namespace Frugal.Engine.Planning;

/// <summary>
/// What Frugal means to do now: the budgets as evaluated and the ordered actions. A refused plan carries its
/// actions for the record, but none of them is carried out.
/// </summary>
public sealed record BudgetPlan
{
    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<BudgetStatus> Budgets { get; init; }

    public required IReadOnlyList<PlannedAction> Actions { get; init; }

    /// <summary>Crossings reached in this period that already fired earlier, so produce no new action.</summary>
    public IReadOnlyList<string> AlreadyFired { get; init; } = [];

    /// <summary>Why the plan is refused whole (the safety limit), or null when it may be carried out.</summary>
    public string? Refusal { get; init; }

    public bool IsRefused => Refusal is not null;
}
