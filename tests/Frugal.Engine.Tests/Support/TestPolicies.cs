using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Support;

internal static class TestPolicies
{
    public static BudgetPolicy Budget(
        string name = "ml-platform",
        decimal amount = 1000m,
        BudgetScope? scope = null,
        string timeZone = "Etc/UTC",
        params ThresholdRule[] thresholds) =>
        new()
        {
            Name = name,
            Amount = new Engine.Money.Money(amount, CurrencyCode.Parse("USD")),
            Scope = scope ?? BudgetScope.Everything,
            TimeZone = timeZone,
            Thresholds = thresholds.Length > 0 ? thresholds : [Notify(0.5m), Notify(0.9m)],
        };

    public static ThresholdRule Notify(decimal fraction, SpendBasis basis = SpendBasis.Actual) =>
        new() { Fraction = fraction, Basis = basis, Actions = [new ActionRule { Kind = ActionKind.Notify }] };

    public static ThresholdRule Hold(decimal fraction) =>
        new() { Fraction = fraction, Actions = [new ActionRule { Kind = ActionKind.HoldTraining }] };

    public static FrugalPolicy Policy(bool dryRun = true, int maxActions = 20, params BudgetPolicy[] budgets) =>
        new()
        {
            Budgets = budgets,
            Safety = new SafetyPolicy { DryRun = dryRun, MaxActionsPerRun = maxActions },
            Channels = [new ChannelPolicy { Name = "ops", Kind = ChannelKind.Console }],
        };
}
