namespace Frugal.Engine.BudgetEvents;

/// <summary>
/// Asks the host to evaluate budgets soon, outside the caller's request. Requests made while an evaluation is
/// waiting are folded into it: a burst of alerts costs one evaluation, not one each.
/// </summary>
public interface IBudgetEvaluationTrigger
{
    void Request(string reason);
}
