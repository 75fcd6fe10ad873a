using System.Diagnostics;
using Frugal.Engine.Notifications;
using Frugal.Notifications.Tests.Support;
using Frugal.State.Sqlite;

namespace Frugal.Notifications.Tests;

/// <summary>
/// A real process records a notification and is killed while sending it; the next process sends it exactly once,
/// and a third sends nothing. The process is Frugal.Notifications.CrashHost, built beside this assembly.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Recorded = "2026-11-20T07:00:00Z";
    private const string AfterLease = "2026-11-20T07:10:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-crash-").FullName;
    private readonly FakeSlack _slack = new();

    private string State => Path.Combine(_folder, "state.db");

    [Fact]
    public async Task Dispatcher_KilledMidSend_RestartDeliversExactlyOnce()
    {
        using (var dying = Start(Recorded, "--block"))
        {
            await WaitForLineAsync(dying, "sending");
            dying.Kill(entireProcessTree: true);
            await dying.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var afterCrash = await Row();
        var restart = await RunAsync(AfterLease);
        var again = await RunAsync(AfterLease);

        Assert.Equal(NotificationStatus.Sending, afterCrash.Status);
        Assert.Equal(0, restart.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Single(_slack.Requests);
        Assert.Equal(NotificationStatus.Delivered, (await Row()).Status);
        Assert.DoesNotContain(FakeSlack.SecretPath, restart.Output + again.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _slack.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<NotificationRecord> Row()
    {
        var store = SqliteStateStore.OpenReadOnly(State)!;
        return Assert.Single(await store.ReadNotificationsAsync(new NotificationQuery(), CancellationToken.None));
    }

    private Process Start(string now, params string[] extra)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Frugal.Notifications.CrashHost.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { host, State, now }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FRUGAL_CRASH_SLACK_URL"] = _slack.Url;
        return Process.Start(start) ?? throw new InvalidOperationException("the crash host did not start");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string now)
    {
        using var process = Start(now);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var errors = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static async Task WaitForLineAsync(Process process, string expected)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            if (line == expected)
            {
                return;
            }
        }

        Assert.Fail($"the crash host ended before '{expected}': {await process.StandardError.ReadToEndAsync()}");
    }

    // dotnet test names the host it runs under; elsewhere the one on the PATH is used.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
}
