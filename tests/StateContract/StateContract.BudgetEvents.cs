using Frugal.Engine.Billing;
using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Money;

namespace Frugal.Testing.StateContract;

public abstract partial class StateContract
{
    private static readonly DateTimeOffset February = new(2021, 2, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_NewEvent_ReadsBackExactly()
    {
        var store = (await OpenAsync()).BudgetEvents;
        var recorded = Event("2070443601311540", 140.321m);

        Assert.True(await store.RecordAsync(recorded, CancellationToken.None));

        var read = Assert.Single(await store.ReadSinceAsync(February, CancellationToken.None));
        Assert.Equal(recorded, read);
    }

    [Fact]
    public async Task RecordAsync_SameEventIdAgain_RecordsNothing()
    {
        var store = (await OpenAsync()).BudgetEvents;
        await store.RecordAsync(Event("1", 140m), CancellationToken.None);

        var again = await store.RecordAsync(Event("1", 150m), CancellationToken.None);

        Assert.False(again);
        Assert.Single(await store.ReadSinceAsync(February, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_SameContentUnderAnotherId_RecordsNothing()
    {
        var store = (await OpenAsync()).BudgetEvents;
        await store.RecordAsync(Event("1", 140m), CancellationToken.None);

        Assert.False(await store.RecordAsync(Event("2", 140m), CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_RacingDeliveriesOfOneAlert_RecordOnce()
    {
        var stores = new List<IBudgetEventStore>();
        for (var i = 0; i < 6; i++)
        {
            stores.Add((await OpenAsync()).BudgetEvents);
        }

        var results = await Task.WhenAll(stores.Select(s =>
            Task.Run(() => s.RecordAsync(Event("1", 140m), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task ReadSinceAsync_OlderAnchors_AreLeftOut()
    {
        var store = (await OpenAsync()).BudgetEvents;
        await store.RecordAsync(Event("1", 140m), CancellationToken.None);

        Assert.Empty(await store.ReadSinceAsync(February.AddDays(5), CancellationToken.None));
    }

    [Fact]
    public async Task Detachment_RecordFindForget_RoundTrips()
    {
        var store = (await OpenAsync()).Billing;
        var detachment = new BillingDetachment("ml-sandbox", "billingAccounts/A", February, "over budget");

        await store.RecordDetachmentAsync(detachment, CancellationToken.None);
        var found = await store.FindDetachmentAsync("ml-sandbox", CancellationToken.None);
        await store.ForgetDetachmentAsync("ml-sandbox", CancellationToken.None);

        Assert.Equal(detachment, found);
        Assert.Null(await store.FindDetachmentAsync("ml-sandbox", CancellationToken.None));
    }

    private static BudgetEvent Event(string id, decimal cost)
    {
        var usd = CurrencyCode.Parse("USD");
        return new BudgetEvent
        {
            Source = BudgetEventSource.Gcp,
            EventId = id,
            CloudBudgetId = "de72f49d-779b-4945-a127-4d6ce8def0bb",
            CloudBudgetName = "My Personal Budget",
            BillingScope = "01D4EE-079462-DFD6EC",
            Cost = new Money(cost, usd),
            BudgetAmount = new Money(152.557m, usd),
            IntervalStart = February,
            PeriodAnchor = February.AddDays(1),
            ActualThresholdExceeded = 0.9m,
            ForecastThresholdExceeded = null,
            ObservedAt = new DateTimeOffset(2021, 2, 26, 19, 13, 55, 749, TimeSpan.Zero),
            ReceivedAt = new DateTimeOffset(2021, 2, 26, 19, 14, 0, TimeSpan.Zero),
        };
    }
}
