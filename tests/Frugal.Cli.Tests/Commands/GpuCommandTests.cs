using System.Net.Sockets;
using System.Text.Json;
using Azure.Storage.Queues;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;
using Frugal.State.Sqlite;

namespace Frugal.Cli.Tests.Commands;

public sealed class GpuCommandTests : IDisposable
{
    private const string Now = "2026-11-20T12:00:00Z";
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Submit_FlagsBudgetAtHoldRung_RecordsTheJobHeldWithTheReason()
    {
        var policy = WritePolicy(dailyCost: 10m);

        var run = await Submit(policy, "--id", "nightly-1", "--kind", "infer", "--model", "fraud",
            "--input", "/data/rows.jsonl", "--budget", "ml-platform");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("nightly-1: held: budget ml-platform: 50", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("hold rung reached", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_JobThatWouldGoWithoutAQueue_ExitsTwoAndRecordsNothing()
    {
        var policy = WritePolicy(dailyCost: 1m);

        var run = await Submit(policy, "--id", "nightly-1", "--kind", "infer", "--model", "fraud",
            "--input", "/data/rows.jsonl", "--budget", "ml-platform");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no GPU job queue is configured (Frugal:GpuJobs:ConnectionString)", run.Stderr,
            StringComparison.Ordinal);
        var store = SqliteGpuJobStore.OpenReadOnly(_temp.File("state.db"));
        Assert.Empty(store is null ? [] : await store.ReadRecentAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Submit_QueueConfigured_SendsTheJobToTheHighQueue()
    {
        var connection = await AzuriteQueuesAsync();
        var policy = WritePolicy(dailyCost: 10m);
        var queueName = "cli-" + Guid.NewGuid().ToString("N")[..12];
        Environment.SetEnvironmentVariable("Frugal__GpuJobs__ConnectionString", connection);
        Environment.SetEnvironmentVariable("Frugal__GpuJobs__QueueName", queueName);
        CliRun run;
        try
        {
            run = await Submit(policy, "--id", "urgent-1", "--kind", "quantize", "--model", "fraud",
                "--priority", "high", "--budget", "ml-platform", "--format", "json");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Frugal__GpuJobs__ConnectionString", null);
            Environment.SetEnvironmentVariable("Frugal__GpuJobs__QueueName", null);
        }

        Assert.Equal(0, run.ExitCode);
        using var body = JsonDocument.Parse(run.Stdout);
        Assert.Equal("enqueued", body.RootElement.GetProperty("state").GetString());
        var sent = await new QueueClient(connection, queueName + "-high")
            .ReceiveMessagesAsync(1, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("\"id\":\"urgent-1\"", Assert.Single(sent.Value).Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FileWithBadFields_ExitsTwoNamingEachField()
    {
        var policy = WritePolicy(dailyCost: 10m);
        var job = _temp.Write("job.json", """{"id": "x", "kind": "train", "model": "fraud", "budget": "ads"}""");

        var run = await Submit(policy, "--file", job);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"frugal: {job}: kind: 'train'", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"frugal: {job}: budget: 'ads'", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FileAndFlags_ExitsTwo()
    {
        var policy = WritePolicy(dailyCost: 10m);
        var job = _temp.Write("job.json", "{}");

        var run = await Submit(policy, "--file", job, "--id", "x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not both", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_HeldAndFinished_ShowsStateReasonGpuSecondsAndCostPerThousand()
    {
        var policy = WritePolicy(dailyCost: 10m);
        await Submit(policy, "--file", _temp.Write("job.json", """
            {"id": "held-1", "kind": "infer", "model": "fraud", "input": "/d.csv", "budget": "ml-platform"}
            """));
        var store = SqliteGpuJobStore.Open(_temp.File("state.db"));
        await store.RecordResultAsync(new GpuJobResult
        {
            Id = "done-1", Kind = "infer", Succeeded = true, Model = "fraud", Version = "3", GpuSeconds = 1500m,
            Predictions = 300_000, Cost = new Money(0.90m, CurrencyCode.Parse("USD")),
        }, DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture),
            TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("gpu", "jobs", "--policy", policy, "--now", Now);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal(["done-1", "fraud", "3", "succeeded", "1500", "USD", "0.003"],
            Cells(lines.Single(l => l.StartsWith("done-1", StringComparison.Ordinal))));
        var held = Cells(lines.Single(l => l.StartsWith("held-1", StringComparison.Ordinal)));
        Assert.Equal(["held-1", "fraud", "latest", "held", "-", "-", "budget", "ml-platform:"], held[..8]);
        Assert.Equal(["fraud", "3", "300,000", "1500", "USD", "0.9", "USD", "0.003"],
            Cells(lines.Single(l => l.StartsWith("fraud ", StringComparison.Ordinal))));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>
    /// Azurite's connection string (FRUGAL_TEST_AZURITE, else the development account), or a skip when its queue
    /// endpoint does not answer (a failure under CI, which starts it).
    /// </summary>
    private static async Task<string> AzuriteQueuesAsync()
    {
        var connection = Environment.GetEnvironmentVariable("FRUGAL_TEST_AZURITE") is { Length: > 0 } configured
            ? configured
            : "UseDevelopmentStorage=true";
        var endpoint = new QueueServiceClient(connection).Uri;
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            var reason = $"Azurite is not reachable at {endpoint.Authority}; start it with scripts/test.sh";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        return connection;
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static Task<CliRun> Submit(string policy, params string[] args) =>
        CliRun.InvokeAsync(["gpu", "submit", "--policy", policy, "--now", Now, .. args]);

    private string WritePolicy(decimal dailyCost)
    {
        _temp.Write("costs.csv", PlanCommandTests.FocusCsv(dailyCost));
        return _temp.Write("frugal.yaml", """
            sources:
              focus: [costs.csv]
            state:
              path: state.db
            channels:
              - name: ops
                kind: console
            budgets:
              - name: ml-platform
                amount: 200
                currency: USD
                timeZone: Etc/UTC
                thresholds:
                  - at: 0.5
                    actions:
                      - holdTraining: {}
            """);
    }
}
