using Frugal.Engine.Notifications;
using Frugal.Engine.State;

namespace Frugal.State.AzureTables.Tests;

/// <summary>Table Storage's limits (entity size, key length) are refused before anything is written.</summary>
public sealed class TableLimitsTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 6, 0, 0, TimeSpan.Zero);
    private readonly AzureTablesStateSettings _settings =
        new(Azurite.ConnectionString, null, $"l{Guid.NewGuid():N}"[..20]);

    private bool _opened;

    [Fact]
    public async Task RecordEventAsync_PayloadOverOneEntity_RefusedNamingTheRowAndNothingWritten()
    {
        var store = await OpenAsync();
        var huge = Envelope(new string('x', 500_000));

        var error = await Assert.ThrowsAsync<StatePayloadTooLargeException>(() =>
            store.RecordEventAsync(new AuditEntry(Now, AuditKind.Plan, "plan"), [huge], CancellationToken.None));

        Assert.Contains("notification|e1%7Cops", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ReadAuditAsync(new AuditQuery(), CancellationToken.None));
        Assert.Empty(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task RecordCrossingAsync_KeyOverOneKibibyte_RefusedNamingTheKey()
    {
        var store = await OpenAsync();
        var crossing = new CrossingRecord(new string('k', 2000), "ml", "2026-11", "a", 1m, 1m, "USD", Now);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.RecordCrossingAsync(crossing, [], [], CancellationToken.None));

        Assert.Contains("too long for Table Storage", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_opened)
        {
            await new Azure.Data.Tables.TableServiceClient(Azurite.ConnectionString)
                .DeleteTableAsync(_settings.TableName);
        }
    }

    private async Task<TableStateStore> OpenAsync()
    {
        await Azurite.RequireAsync();
        _opened = true;
        return new AzureTablesStateSource(_settings).OpenStore();
    }

    private static NotificationEnvelope Envelope(string summary) =>
        new("ops", new NotificationEvent
        {
            Key = "e1",
            Kind = NotificationEventKind.ThresholdCrossed,
            Severity = NotificationSeverity.Warning,
            At = Now,
            Headline = "headline",
            Summary = summary,
        });
}
