using Frugal.Engine.Notifications;
using Frugal.Engine.State;

namespace Frugal.Testing.StateContract;

public abstract partial class StateContract
{
    [Fact]
    public async Task RecordEventAsync_SomeRecordedBefore_ReturnsOnlyTheNewOnes()
    {
        var store = (await OpenAsync()).Store;
        var audit = new AuditEntry(Now, AuditKind.Digest, "digest");
        await store.RecordEventAsync(audit, [Envelope("e1", "ops")], CancellationToken.None);

        var fresh = await store.RecordEventAsync(audit, [Envelope("e1", "ops"), Envelope("e1", "mail")],
            CancellationToken.None);

        Assert.Equal(["mail"], fresh.Select(e => e.Channel));
        Assert.Equal(2, (await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None)).Count);
        Assert.Equal(2, (await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task LeasePendingNotificationsAsync_OwnersRacing_EachNotificationLeasedOnce()
    {
        var stores = await OpenManyAsync(4);
        var envelopes = Enumerable.Range(0, 10).Select(i => Envelope($"e{i}", "ops")).ToList();
        await stores[0].RecordEventAsync(new AuditEntry(Now, AuditKind.Plan, "plan"), envelopes,
            CancellationToken.None);

        var leases = await Task.WhenAll(stores.Select((s, i) => Task.Run(() =>
            s.LeasePendingNotificationsAsync($"owner{i}", Now, Now.AddMinutes(5), 10, CancellationToken.None))));

        var keys = leases.SelectMany(l => l.Select(r => r.Envelope.Key)).ToList();
        Assert.Equal(10, keys.Count);
        Assert.Equal(10, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(leases.SelectMany(l => l), r => Assert.Equal(NotificationStatus.Sending, r.Status));
    }

    [Fact]
    public async Task CompleteNotificationAsync_RetryLater_DueThenAndCountedOnce()
    {
        var store = (await OpenAsync()).Store;
        await store.RecordEventAsync(new AuditEntry(Now, AuditKind.Plan, "plan"), [Envelope("e1", "ops")],
            CancellationToken.None);
        var leased = Assert.Single(await store.LeasePendingNotificationsAsync("a", Now, Now.AddMinutes(5), 10,
            CancellationToken.None));

        await store.CompleteNotificationAsync(leased.Envelope.Key,
            new NotificationAttempt(NotificationStatus.Pending, "503", Now.AddMinutes(3)),
            new AuditEntry(Now, AuditKind.Notification, "retry"), [Envelope("e2", "ops")], CancellationToken.None);
        var due = await store.NextNotificationDueAsync(CancellationToken.None);
        var early = await store.LeasePendingNotificationsAsync("b", Now.AddMinutes(1), Now.AddMinutes(6), 10,
            CancellationToken.None);

        Assert.Equal(Now, due);
        Assert.Equal(["e2|ops"], early.Select(r => r.Envelope.Key));
        var row = Assert.Single(await store.ReadNotificationsAsync(
            new NotificationQuery(Channel: "ops", Status: NotificationStatus.Pending), CancellationToken.None));
        Assert.Equal(1, row.Attempts);
        Assert.Equal("503", row.Detail);
    }

    [Fact]
    public async Task CompleteNotificationAsync_Delivered_NeverLeasedAgain()
    {
        var store = (await OpenAsync()).Store;
        await store.RecordEventAsync(new AuditEntry(Now, AuditKind.Plan, "plan"), [Envelope("e1", "ops")],
            CancellationToken.None);
        var leased = Assert.Single(await store.LeasePendingNotificationsAsync("a", Now, Now.AddMinutes(5), 10,
            CancellationToken.None));

        await store.CompleteNotificationAsync(leased.Envelope.Key,
            new NotificationAttempt(NotificationStatus.Delivered, "sent"),
            new AuditEntry(Now, AuditKind.Notification, "sent"), [], CancellationToken.None);

        Assert.Empty(await store.LeasePendingNotificationsAsync("b", Now.AddDays(1), Now.AddDays(2), 10,
            CancellationToken.None));
        Assert.Null(await store.NextNotificationDueAsync(CancellationToken.None));
        var row = Assert.Single(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
        Assert.Equal(NotificationStatus.Delivered, row.Status);
        Assert.Equal(Now, row.CompletedAt);
    }

    [Fact]
    public async Task RecordEventAsync_PayloadOverOneStringProperty_ReadsBackWhole()
    {
        var store = (await OpenAsync()).Store;
        var summary = string.Concat(Enumerable.Repeat("0123456789", 10_000));
        var big = Envelope("big", "ops") with { Event = Envelope("big", "ops").Event with { Summary = summary } };

        await store.RecordEventAsync(new AuditEntry(Now, AuditKind.Plan, summary), [big], CancellationToken.None);

        var row = Assert.Single(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
        Assert.Equal(summary, row.Envelope.Event.Summary);
        Assert.Equal(summary, Assert.Single(await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None))
            .Summary);
    }

    private static NotificationEnvelope Envelope(string eventKey, string channel) =>
        new(channel, new NotificationEvent
        {
            Key = eventKey,
            Kind = NotificationEventKind.ThresholdCrossed,
            Severity = NotificationSeverity.Warning,
            At = Now,
            Headline = $"{eventKey} headline",
            Summary = "summary",
        });
}
