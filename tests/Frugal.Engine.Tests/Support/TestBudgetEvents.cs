using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Support;

/// <summary>Budget events built in code, and an in-memory store that dedupes like the real one.</summary>
internal static class TestBudgetEvents
{
    public static BudgetEvent Gcp(
        decimal cost,
        DateTimeOffset intervalStart,
        string budgetId = "de72f49d-779b-4945-a127-4d6ce8def0bb",
        string eventId = "1",
        DateTimeOffset? observedAt = null,
        string currency = "USD") =>
        new()
        {
            Source = BudgetEventSource.Gcp,
            EventId = eventId,
            CloudBudgetId = budgetId,
            CloudBudgetName = "My Personal Budget",
            Cost = new Engine.Money.Money(cost, CurrencyCode.Parse(currency)),
            IntervalStart = intervalStart,
            PeriodAnchor = intervalStart.AddDays(1),
            ObservedAt = observedAt ?? intervalStart.AddDays(10),
            ReceivedAt = observedAt ?? intervalStart.AddDays(10),
        };

    public static BudgetEvent Azure(string name, decimal cost, DateTimeOffset fired, decimal? forecast = null) =>
        new()
        {
            Source = BudgetEventSource.Azure,
            EventId = $"alert|{fired:O}",
            CloudBudgetId = $"/subscriptions/1/providers/Microsoft.Consumption/budgets/{name}",
            CloudBudgetName = name,
            Cost = new Engine.Money.Money(cost, TestLedger.Usd),
            Forecast = forecast is { } f ? new Engine.Money.Money(f, TestLedger.Usd) : null,
            PeriodAnchor = fired,
            ObservedAt = fired,
            ReceivedAt = fired,
        };
}

internal sealed class InMemoryBudgetEventStore : IBudgetEventStore
{
    private readonly List<BudgetEvent> _events = [];

    public IReadOnlyList<BudgetEvent> Events => _events;

    public Task<bool> RecordAsync(BudgetEvent budgetEvent, CancellationToken ct)
    {
        if (_events.Any(e => e.Source == budgetEvent.Source && e.EventId == budgetEvent.EventId) ||
            _events.Any(e => e.ContentKey == budgetEvent.ContentKey))
        {
            return Task.FromResult(false);
        }

        _events.Add(budgetEvent);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<BudgetEvent>> ReadSinceAsync(DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<BudgetEvent>>([.. _events.Where(e => e.PeriodAnchor >= since)]);
}

internal sealed class RecordingTrigger : IBudgetEvaluationTrigger
{
    public List<string> Requests { get; } = [];

    public void Request(string reason) => Requests.Add(reason);
}
