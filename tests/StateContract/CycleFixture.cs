using Frugal.Engine;
using Frugal.Engine.Execution;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Testing.StateContract;

/// <summary>A budget cycle on a real state file, a fake clock and scripted senders.</summary>
public static class CycleFixture
{
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    public static BudgetCycle Cycle(
        IStateStore store, FakeTimeProvider time, IEnumerable<INotificationChannel> senders,
        params IActionHandler[] handlers) => Cycle(store, time, senders, null, handlers);

    public static BudgetCycle Cycle(
        IStateStore store, FakeTimeProvider time, IEnumerable<INotificationChannel> senders,
        IRecommendationSource? recommendations, params IActionHandler[] handlers)
    {
        var executor = new PlanExecutor(store, handlers, time, NullLogger<PlanExecutor>.Instance);
        var dispatcher = new NotificationDispatcher(store, senders, time, NullLogger<NotificationDispatcher>.Instance)
        {
            MaxInlineWait = TimeSpan.Zero,
        };
        return new BudgetCycle(store, executor, dispatcher, time, recommendations);
    }

    /// <summary>One budget of USD 100 whose 50 % rung notifies <c>ops</c> (and holds training when asked).</summary>
    public static FrugalPolicy Policy(bool dryRun, bool hold = false, params ChannelPolicy[] extraChannels)
    {
        var actions = new List<ActionRule> { new() { Kind = ActionKind.Notify, Channels = ["ops"] } };
        if (hold)
        {
            actions.Add(new ActionRule { Kind = ActionKind.HoldTraining });
        }

        return new FrugalPolicy
        {
            Budgets =
            [
                new BudgetPolicy
                {
                    Name = "ml-platform",
                    Amount = new Engine.Money.Money(100m, Usd),
                    Thresholds = [new ThresholdRule { Fraction = 0.5m, Actions = actions }],
                },
            ],
            Safety = new SafetyPolicy { DryRun = dryRun },
            Channels = [new ChannelPolicy { Name = "ops", Kind = ChannelKind.Console }, .. extraChannels],
        };
    }

    public static FrugalPolicy WithRoutes(this FrugalPolicy policy, params NotificationRoute[] routes) =>
        policy with { Notifications = policy.Notifications with { Routes = routes } };

    /// <summary>USD 10 a day on the first ten days of November 2026: USD 100 by the 10th.</summary>
    public static CostLedger Ledger()
    {
        var slice = new CostSlice("Google Cloud", "A", "p", "Compute Engine", "us", new Dictionary<string, string>());
        var entries = Enumerable.Range(1, 10)
            .Select(d => new LedgerEntry(new DateTimeOffset(2026, 11, d, 12, 0, 0, TimeSpan.Zero), 0, Usd, 10m, 9m))
            .ToList();
        return new CostLedger([slice], entries, entries.Count, 0, []);
    }
}
