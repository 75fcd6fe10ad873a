using Frugal.Engine.State;
using Frugal.State.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Server.Tests;

public sealed class ServeScheduleTests
{
    [Fact]
    public async Task Serve_ClockPassesTheHour_RunsThePollBillingStep()
    {
        await using var serve = await ServeFixture.StartAsync();

        var plans = await AdvanceUntilPlannedAsync(serve.Time, serve.StatePath);

        Assert.NotEmpty(plans);
    }

    [Fact]
    public async Task Serve_ClockStandsStill_RunsNothing()
    {
        await using var serve = await ServeFixture.StartAsync();

        using var health = await serve.Client.GetAsync(FrugalEndpoints.Health, TestContext.Current.CancellationToken);

        Assert.Null(SqliteStateStore.OpenReadOnly(serve.StatePath));
    }

    // The runner starts on its own thread, so the first hour may pass before it waits for it: the clock moves an
    // hour at a time until the step has planned, which the audit log shows.
    private static async Task<IReadOnlyList<AuditEntry>> AdvanceUntilPlannedAsync(FakeTimeProvider time, string path)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(100, timeout.Token);
            try
            {
                var plansOnly = new AuditQuery(Kind: AuditKind.Plan);
                if (SqliteStateStore.OpenReadOnly(path) is { } store &&
                    await store.ReadAuditAsync(plansOnly, timeout.Token) is { Count: > 0 } plans)
                {
                    return plans;
                }
            }
            catch (SqliteException)
            {
                // The step is creating the state file right now; look again shortly.
            }
        }
    }
}
