namespace Frugal.Engine.BudgetEvents;

/// <summary>
/// Keeps the budget alerts the clouds pushed. Implementations make <see cref="RecordAsync"/> atomic, so that two
/// deliveries of one alert racing each other record it once.
/// </summary>
public interface IBudgetEventStore
{
    /// <summary>
    /// Records the event. Returns false, recording nothing, when an event with the same
    /// <see cref="BudgetEvent.EventId"/> or the same <see cref="BudgetEvent.ContentKey"/> was already recorded.
    /// </summary>
    Task<bool> RecordAsync(BudgetEvent budgetEvent, CancellationToken ct);

    /// <summary>Recorded events whose period anchor is at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<BudgetEvent>> ReadSinceAsync(DateTimeOffset since, CancellationToken ct);
}
