namespace Frugal.Cli.Tests;

public sealed class NotifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-notify-").FullName;
    private readonly string _variable = $"FRUGAL_CLI_SLACK_{Guid.NewGuid():N}";
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private string PolicyPath => Path.Combine(_folder, "frugal.yaml");

    [Fact]
    public async Task NotifyTest_SlackAnswersOk_ExitZeroAndNoUrlPrinted()
    {
        using var slack = new LocalWebhook(200, "ok");
        WritePolicy(slack.Url);

        var exitCode = await Frugal("notify", "test", "--policy", PolicyPath, "--channel", "ml-slack");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("ml-slack: delivered: Slack answered 200 ok", _stdout.ToString().Trim());
        Assert.Equal(1, slack.Requests);
        Assert.DoesNotContain("CliWebhookSecret77", _stdout.ToString() + _stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotifyTest_SlackSaysChannelGone_ExitOneWithSlacksReason()
    {
        using var slack = new LocalWebhook(404, "channel_not_found");
        WritePolicy(slack.Url);

        var exitCode = await Frugal("notify", "test", "--policy", PolicyPath, "--channel", "ml-slack");

        Assert.Equal(ExitCodes.ActionFailed, exitCode);
        Assert.Equal("ml-slack: NOT delivered: Slack answered 404 channel_not_found (the webhook's channel does " +
            "not exist)", _stdout.ToString().Trim());
    }

    [Fact]
    public async Task NotifyTest_UnknownChannel_ExitTwoWithTheNearestName()
    {
        WritePolicy("http://127.0.0.1:9/unused");

        var exitCode = await Frugal("notify", "test", "--policy", PolicyPath, "--channel", "ml-slak");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal($"frugal: {PolicyPath}: unknown channel 'ml-slak'; did you mean 'ml-slack'?",
            _stderr.ToString().Trim());
    }

    [Fact]
    public async Task NotifyTest_ReferenceNotSet_ExitTwoNamingTheReference()
    {
        WritePolicy(url: null);

        var exitCode = await Frugal("notify", "test", "--policy", PolicyPath, "--channel", "ml-slack");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal($"frugal: channel 'ml-slack': 'webhookUrl' refers to env:{_variable}, which is not set in the " +
            "environment or the app settings", _stderr.ToString().Trim());
    }

    [Fact]
    public async Task NotifyDigest_Twice_SentOnceThenSaidAlreadySent()
    {
        WritePolicy("http://127.0.0.1:9/unused");
        File.WriteAllText(Path.Combine(_folder, "costs.csv"), PlanCommandTests.FocusCsv(dailyCost: 10m));

        var first = await Frugal("notify", "digest", "--policy", PolicyPath, "--now", "2026-11-16T06:00:00Z");
        var firstOutput = _stdout.ToString();
        _stdout.GetStringBuilder().Clear();
        var second = await Frugal("notify", "digest", "--policy", PolicyPath, "--now", "2026-11-16T07:00:00Z");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Equal(ExitCodes.Success, second);
        Assert.Contains("ops: delivered: Daily digest 2026-11-16: 1 budget, 0 over budget", firstOutput,
            StringComparison.Ordinal);
        Assert.Equal("ops: the digest for 2026-11-16 was already recorded; not sent again", _stdout.ToString().Trim());
    }

    [Fact]
    public async Task HistoryDeadLetters_ChannelGone_ListedWithSlacksReason()
    {
        using var slack = new LocalWebhook(410, "channel_is_archived");
        WritePolicy(slack.Url);
        File.WriteAllText(Path.Combine(_folder, "costs.csv"), PlanCommandTests.FocusCsv(dailyCost: 10m));
        await Frugal("run", "--policy", PolicyPath, "--now", "2026-11-16T06:00:00Z");
        _stdout.GetStringBuilder().Clear();

        var exitCode = await Frugal("history", "--policy", PolicyPath, "--dead-letters");

        Assert.Equal(ExitCodes.Success, exitCode);
        var output = _stdout.ToString();
        Assert.Contains("notification  ml-slack", output, StringComparison.Ordinal);
        Assert.Contains("rejected, not retried: Slack answered 410 channel_is_archived", output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("CliWebhookSecret77", output + _stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _stdout.Dispose();
        _stderr.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<int> Frugal(params string[] args) => FrugalCommandLine.InvokeAsync(args, _stdout, _stderr);

    private void WritePolicy(string? url)
    {
        Environment.SetEnvironmentVariable(_variable, url);
        File.WriteAllText(PolicyPath, $$"""
            sources:
              focus: [costs.csv]
            channels:
              - name: ops
                kind: console
              - name: ml-slack
                kind: slack
                webhookUrl: env:{{_variable}}
            routes:
              - events: [dailyDigest]
                channels: [ops]
            budgets:
              - name: ml-platform
                amount: 200
                currency: USD
                thresholds:
                  - at: 0.5
                    actions:
                      - notify: [ml-slack]
            """);
    }
}
