using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// Whether a budget's ladder holds new work charged to it (its <c>holdTraining</c> rung), and whether a piece of
/// work with an estimated cost still fits under that rung. Training launches and low-priority GPU jobs both ask
/// here, so "on hold" means one thing everywhere.
/// </summary>
public static class TrainingHolds
{
    /// <summary>Where a budget stands against its hold rung.</summary>
    public static BudgetHold For(BudgetStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var rung = HoldRung(status.Budget);
        if (rung is null)
        {
            return new BudgetHold(status.Budget.Name, OnHold: false, Level: null, Reason: "no holdTraining rung");
        }

        var level = new Money.Money(status.Budget.Amount.Amount * rung.Fraction, status.Budget.Currency);
        var reached = status.Crossed.FirstOrDefault(c => c.Threshold.Actions.Any(IsHold));
        if (reached is not null)
        {
            return new BudgetHold(
                status.Budget.Name, OnHold: true, level,
                $"budget {status.Budget.Name}: {Describe(reached.Threshold)} reached " +
                $"({reached.Spend} of {status.Budget.Amount}), training on hold");
        }

        return new BudgetHold(status.Budget.Name, OnHold: false, level, $"below {Describe(rung)}");
    }

    /// <summary>
    /// Whether work costing <paramref name="estimatedCost"/> keeps the budget's forecast, with that cost added,
    /// under its hold rung; the reason says which figures decided it.
    /// </summary>
    public static HoldAdmission Admit(BudgetStatus status, Money.Money estimatedCost)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (estimatedCost.Currency != status.Budget.Currency)
        {
            throw new ArgumentException(
                $"cost {estimatedCost} is not in budget {status.Budget.Name}'s currency {status.Budget.Currency}",
                nameof(estimatedCost));
        }

        var hold = For(status);
        if (hold.OnHold)
        {
            return new HoldAdmission(false, hold.Reason);
        }

        if (hold.Level is not { } level)
        {
            return new HoldAdmission(true, $"budget {status.Budget.Name} has no holdTraining rung");
        }

        var projected = status.Forecast + estimatedCost;
        return projected.Amount < level.Amount
            ? new HoldAdmission(true,
                $"forecast {status.Forecast} + estimate {estimatedCost} = {projected}, under the hold level {level}")
            : new HoldAdmission(false,
                $"budget {status.Budget.Name}: forecast {status.Forecast} + estimate {estimatedCost} = {projected} " +
                $"would reach the hold level {level}");
    }

    private static ThresholdRule? HoldRung(BudgetPolicy budget) =>
        budget.Thresholds.Where(t => t.Actions.Any(IsHold)).MinBy(t => t.Fraction);

    private static bool IsHold(ActionRule action) => action.Kind == ActionKind.HoldTraining;

    private static string Describe(ThresholdRule rule) =>
        $"{rule.Fraction:P0} {rule.Basis.ToString().ToLowerInvariant()} hold rung";
}

/// <summary>A budget against its hold rung: on hold or not, the spend level of the rung, and why.</summary>
public sealed record BudgetHold(string Budget, bool OnHold, Money.Money? Level, string Reason);

/// <summary>Whether a piece of work may start against a budget, and the figures that decided it.</summary>
public sealed record HoldAdmission(bool Admitted, string Reason);
