using Frugal.Engine.Money;
using Frugal.Engine.Retraining;
using Frugal.Engine.State;

namespace Frugal.Testing.StateContract;

/// <summary>Model signals once per model and delivery id; retraining decisions written with their audit line.</summary>
public abstract partial class StateContract
{
    [Fact]
    public async Task ModelSignals_SameDeliveryIdAgain_RecordsNothing()
    {
        var signals = (await OpenAsync()).ModelSignals;
        await signals.AppendSignalAsync(Signal("drift", 0.4m, Now, "d-1"), Now, Ct);

        var again = await signals.AppendSignalAsync(Signal("drift", 0.9m, Now.AddMinutes(1), "d-1"), Now, Ct);
        var otherModel = await signals.AppendSignalAsync(Signal("drift", 0.4m, Now, "d-1") with { Model = "fraud" },
            Now, Ct);

        Assert.False(again);
        Assert.True(otherModel);
        Assert.Equal(0.4m, Assert.Single(await signals.LatestSignalsAsync("churn", Ct)).Value);
    }

    [Fact]
    public async Task ModelSignals_SameDeliveryFromManyHandlesAtOnce_RecordedOnce()
    {
        var handles = await OpenHandlesAsync(6);

        var results = await Task.WhenAll(handles.Select(h => Task.Run(() =>
            h.ModelSignals.AppendSignalAsync(Signal("drift", 0.4m, Now, "d/1#x"), Now, Ct))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal("d/1#x", Assert.Single(await handles[0].ModelSignals.LatestSignalsAsync("churn", Ct)).DeliveryId);
    }

    [Fact]
    public async Task ModelSignals_ManyOfAKind_TheLatestObservedOfEachThenTheLatestReceived()
    {
        var signals = (await OpenAsync()).ModelSignals;
        await signals.AppendSignalAsync(Signal("drift", 0.5m, Now, "a"), Now, Ct);
        await signals.AppendSignalAsync(Signal("drift", 0.2m, Now.AddHours(-1), "b"), Now.AddHours(1), Ct);
        await signals.AppendSignalAsync(Signal("auc", 0.81m, Now, "c"), Now, Ct);
        await signals.AppendSignalAsync(Signal("auc", 0.83m, Now, "d"), Now.AddMinutes(5), Ct);
        await signals.AppendSignalAsync(Signal("drift", 0.9m, Now, "e") with { Model = "fraud" }, Now, Ct);
        await signals.AppendSignalAsync(Signal("drift", 0.7m, Now, "f") with { Model = "churn-v2" }, Now, Ct);

        var latest = await signals.LatestSignalsAsync("churn", Ct);

        Assert.Equal([("auc", 0.83m, "d"), ("drift", 0.5m, "a")], latest.Select(s => (s.Kind, s.Value, s.DeliveryId)));
        Assert.Equal(Signal("drift", 0.5m, Now, "a"), latest[1]);
    }

    [Fact]
    public async Task ModelSignals_Decision_ReadsBackWithItsAuditLine()
    {
        var stores = await OpenAsync();
        var queued = Decision(Now, RetrainingLaunchStatus.Queued);

        await stores.ModelSignals.RecordDecisionAsync(queued, Ct);

        var read = Assert.Single(await (await OpenAsync()).ModelSignals.ReadDecisionsAsync("churn", 10, Ct));
        Assert.Equal(queued with { Evidence = read.Evidence }, read);
        Assert.Equal(queued.Evidence, read.Evidence);
        var audit = Assert.Single(await stores.Store.ReadAuditAsync(new AuditQuery(Kind: AuditKind.Retraining), Ct));
        Assert.Equal("retraining churn with churn-train: queued (training job job-7): drift 0.5 above the "
            + "threshold 0.3", audit.Summary);
        Assert.Equal(("ml", "retrain:churn:1", "queued"), (audit.Budget, audit.Key, audit.Outcome));
    }

    [Fact]
    public async Task ModelSignals_Decisions_NewestFirstPerModelAndLastQueuedCountsOnlyWhatTheQueueTook()
    {
        var signals = (await OpenAsync()).ModelSignals;
        await signals.RecordDecisionAsync(Decision(Now, RetrainingLaunchStatus.Queued), Ct);
        await signals.RecordDecisionAsync(Decision(Now.AddDays(1), RetrainingLaunchStatus.AlreadyQueued), Ct);
        await signals.RecordDecisionAsync(Decision(Now.AddDays(2), RetrainingLaunchStatus.Refused), Ct);
        await signals.RecordDecisionAsync(Decision(Now.AddDays(3), null) with { Model = "fraud" }, Ct);

        Assert.Equal(Now.AddDays(1), await signals.LastQueuedAsync("churn", Ct));
        Assert.Null(await signals.LastQueuedAsync("fraud", Ct));
        Assert.Equal(["fraud", "churn", "churn"],
            (await signals.ReadDecisionsAsync(null, 3, Ct)).Select(d => d.Model));
        Assert.Equal([Now.AddDays(2), Now.AddDays(1), Now],
            (await signals.ReadDecisionsAsync("churn", 10, Ct)).Select(d => d.At));
    }

    [Fact]
    public async Task ModelSignals_DecisionsFromManyHandlesAtOnce_EachWithItsOwnAuditLine()
    {
        var handles = await OpenHandlesAsync(4);

        await Task.WhenAll(handles.Select((h, i) => Task.Run(() => h.ModelSignals.RecordDecisionAsync(
            Decision(Now.AddMinutes(i), RetrainingLaunchStatus.Queued) with { IdempotencyKey = $"k{i}" }, Ct))));

        Assert.Equal(4, (await handles[0].ModelSignals.ReadDecisionsAsync("churn", 10, Ct)).Count);
        var audit = await handles[0].Store.ReadAuditAsync(new AuditQuery(Kind: AuditKind.Retraining), Ct);
        Assert.Equal(["k0", "k1", "k2", "k3"], audit.Select(a => a.Key).Order(StringComparer.Ordinal));
    }

    private static ModelSignal Signal(string kind, decimal value, DateTimeOffset at, string id) =>
        new("churn", kind, value, at, "monitor", id);

    private static RetrainingRecord Decision(DateTimeOffset at, RetrainingLaunchStatus? launch) =>
        new("churn", at, RetrainingVerdict.Retrain, "drift 0.5 above the threshold 0.3",
            ["drift 0.5 above the threshold 0.3 (observed ...)", "forecast USD 300.00 + estimate USD 40.00"],
            "churn-train")
        {
            Budget = "ml",
            Estimate = new Money(40.125m, CurrencyCode.Parse("USD")),
            IdempotencyKey = "retrain:churn:1",
            Launch = launch is { } status ? new RetrainingLaunch(status, "job-7", "spot, next window") : null,
        };
}
