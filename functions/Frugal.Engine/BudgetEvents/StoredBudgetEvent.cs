
namespace Frugal.Engine.BudgetEvents;

/// <summary>
/// A budget event as every <see cref="IBudgetEventStore"/> writes it (SQLite's payload column, Table Storage's
/// payload property): money as amount and code, so that it reads back exactly, and one shape, so that a payload can
/// be copied from one store to the other.
/// </summary>
public sealed record StoredBudgetEvent(
    BudgetEventSource Source,
    string EventId,
    string CloudBudgetId,
    string? CloudBudgetName,
    string? BillingScope,
    string Currency,
    decimal Cost,
    decimal? BudgetAmount,
    decimal? Forecast,
    DateTimeOffset? IntervalStart,
    DateTimeOffset PeriodAnchor,
    decimal? ActualThresholdExceeded,
    decimal? ForecastThresholdExceeded,
    DateTimeOffset ObservedAt,
    DateTimeOffset ReceivedAt)
{
    public static StoredBudgetEvent From(BudgetEvent e) => new(
        e.Source, e.EventId, e.CloudBudgetId, e.CloudBudgetName, e.BillingScope, e.Cost.Currency.Code,
        e.Cost.Amount, e.BudgetAmount?.Amount, e.Forecast?.Amount, e.IntervalStart, e.PeriodAnchor,
        e.ActualThresholdExceeded, e.ForecastThresholdExceeded, e.ObservedAt, e.ReceivedAt);

    public BudgetEvent ToEvent()
    {
        var currency = Money.CurrencyCode.Parse(Currency);
        return new BudgetEvent
        {
            Source = Source,
            EventId = EventId,
            CloudBudgetId = CloudBudgetId,
            CloudBudgetName = CloudBudgetName,
            BillingScope = BillingScope,
            Cost = new Money.Money(Cost, currency),
            BudgetAmount = BudgetAmount is { } amount ? new Money.Money(amount, currency) : null,
            Forecast = Forecast is { } forecast ? new Money.Money(forecast, currency) : null,
            IntervalStart = IntervalStart,
            PeriodAnchor = PeriodAnchor,
            ActualThresholdExceeded = ActualThresholdExceeded,
            ForecastThresholdExceeded = ForecastThresholdExceeded,
            ObservedAt = ObservedAt,
            ReceivedAt = ReceivedAt,
        };
    }
}
