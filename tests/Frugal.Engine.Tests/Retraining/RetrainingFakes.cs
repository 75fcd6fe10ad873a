using Frugal.Engine.Budgets;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using Frugal.Engine.Retraining;

namespace Frugal.Engine.Tests.Retraining;

/// <summary>Signals and decisions kept in memory, with the store's contract: one signal per delivery id.</summary>
internal sealed class InMemorySignalStore : IModelSignalStore
{
    private readonly List<(ModelSignal Signal, DateTimeOffset ReceivedAt)> _signals = [];

    public List<RetrainingRecord> Decisions { get; } = [];

    public Task<bool> AppendSignalAsync(ModelSignal signal, DateTimeOffset receivedAt, CancellationToken ct)
    {
        if (_signals.Any(s => s.Signal.DeliveryId == signal.DeliveryId))
        {
            return Task.FromResult(false);
        }

        _signals.Add((signal, receivedAt));
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<ModelSignal>> LatestSignalsAsync(string model, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ModelSignal>>([.. _signals.Where(s => s.Signal.Model == model)
            .GroupBy(s => s.Signal.Kind)
            .Select(g => g.OrderBy(s => s.Signal.ObservedAt).ThenBy(s => s.ReceivedAt).Last().Signal)]);

    public Task RecordDecisionAsync(RetrainingRecord record, CancellationToken ct)
    {
        Decisions.Add(record);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> LastQueuedAsync(string model, CancellationToken ct) =>
        Task.FromResult(Decisions.Where(d => d.Model == model && d.Queued).Select(d => (DateTimeOffset?)d.At).Max());

    public Task<IReadOnlyList<RetrainingRecord>> ReadDecisionsAsync(string? model, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RetrainingRecord>>(
            [.. Decisions.Where(d => model is null || d.Model == model).Reverse().Take(limit)]);
}

/// <summary>A training queue that remembers what it was given and queues each idempotency key once.</summary>
internal sealed class RecordingLauncher(Engine.Money.Money? estimate) : IRetrainingLauncher
{
    private readonly Dictionary<string, string> _jobs = [];

    public List<RetrainingOrder> Orders { get; } = [];

    public int Estimates { get; private set; }

    public IReadOnlyCollection<string> QueuedJobs => _jobs.Values;

    public Task<Engine.Money.Money?> EstimateAsync(string trainingJob, CancellationToken ct)
    {
        Estimates++;
        return Task.FromResult(estimate);
    }

    public Task<RetrainingLaunch> QueueAsync(RetrainingOrder order, CancellationToken ct)
    {
        Orders.Add(order);
        if (_jobs.TryGetValue(order.IdempotencyKey, out var existing))
        {
            return Task.FromResult(new RetrainingLaunch(RetrainingLaunchStatus.AlreadyQueued, existing));
        }

        var job = $"job-{_jobs.Count + 1}";
        _jobs.Add(order.IdempotencyKey, job);
        return Task.FromResult(new RetrainingLaunch(RetrainingLaunchStatus.Queued, job));
    }
}

/// <summary>Budget statuses fixed by the test.</summary>
internal sealed class FixedBudgets(params BudgetStatus[] statuses) : IRetrainingBudgets
{
    public Task<BudgetStatus?> StatusAsync(string budget, CancellationToken ct) =>
        Task.FromResult(statuses.FirstOrDefault(s => s.Budget.Name == budget));
}

/// <summary>Rules, signals and budgets for the retraining scenarios.</summary>
internal static class RetrainingScenario
{
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    public static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    public static RetrainingRule Rule(string? budget = "ml") => new()
    {
        Model = "churn",
        When = new RetrainingConditions
        {
            DriftAbove = 0.3m,
            MetricBelow = new Dictionary<string, decimal> { ["auc"] = 0.8m },
        },
        MinInterval = TimeSpan.FromDays(7),
        TrainingJob = "churn-train",
        Budget = budget,
    };

    public static ModelSignal Signal(string kind, decimal value, DateTimeOffset at, string? id = null) =>
        ModelSignal.Create("churn", kind, value, at, "monitor", id, at);

    /// <summary>A USD 1,000 monthly budget with a holdTraining rung at 80 % of the forecast.</summary>
    public static BudgetStatus Budget(decimal actual, decimal forecast, bool holdReached = false)
    {
        var hold = new ThresholdRule
        {
            Fraction = 0.8m,
            Basis = SpendBasis.Forecast,
            Actions = [new ActionRule { Kind = ActionKind.HoldTraining }],
        };
        var policy = new BudgetPolicy { Name = "ml", Amount = new Engine.Money.Money(1000m, Usd), Thresholds = [hold] };
        return new BudgetStatus
        {
            Budget = policy,
            Period = BudgetPeriod.Containing(BudgetPeriodKind.Month, TimeZoneInfo.Utc, Start),
            Actual = new Engine.Money.Money(actual, Usd),
            Forecast = new Engine.Money.Money(forecast, Usd),
            LinearRunRate = new Engine.Money.Money(forecast, Usd),
            ForecastMethod = "test",
            Crossed = holdReached
                ? [new ThresholdCrossing(
                    hold, new Engine.Money.Money(forecast, Usd), new Engine.Money.Money(800m, Usd))]
                : [],
        };
    }
}
