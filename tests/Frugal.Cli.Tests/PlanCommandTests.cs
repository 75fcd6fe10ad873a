using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Frugal.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private const string Now = "2026-11-16T06:00:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-plan-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public PlanCommandTests()
    {
        File.WriteAllText(Path.Combine(_folder, "costs.csv"), FocusCsv(dailyCost: 10m));
        File.WriteAllText(Path.Combine(_folder, "frugal.yaml"), Policy(maxActions: 20));
    }

    private string PolicyPath => Path.Combine(_folder, "frugal.yaml");

    private string StatePath => Path.Combine(_folder, ".frugal", "state.db");

    [Fact]
    public async Task Plan_BudgetOverThreshold_ShowsBudgetAndPlanAndWritesNoState()
    {
        var exitCode = await Frugal("plan", "--policy", PolicyPath, "--now", Now);

        Assert.Equal(ExitCodes.Success, exitCode);
        var output = _stdout.ToString();
        Assert.Contains("ml-platform", output, StringComparison.Ordinal);
        Assert.Contains("USD 150.00", output, StringComparison.Ordinal);
        Assert.Contains("notify ops: ml-platform spend USD 150.00 reached 50% of USD 200.00 (2026-11)", output,
            StringComparison.Ordinal);
        Assert.Contains("[dry-run] would hold training charged to ml-platform", output, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public async Task Plan_JsonFormat_AmountsAreDecimalStrings()
    {
        var exitCode = await Frugal("plan", "--policy", PolicyPath, "--now", Now, "--format", "json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(_stdout.ToString());
        var budget = json.RootElement.GetProperty("budgets")[0];
        Assert.Equal("150", budget.GetProperty("actual").GetString());
        Assert.Equal("300", budget.GetProperty("forecast").GetString());
        Assert.Equal("USD", budget.GetProperty("currency").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("plan").GetProperty("actions").GetArrayLength());
        Assert.Equal(15, json.RootElement.GetProperty("rowsRead").GetInt64());
    }

    [Fact]
    public async Task Run_Twice_SecondRunActsOnNothingAndHistoryShowsTheFirst()
    {
        var first = await Frugal("run", "--policy", PolicyPath, "--now", Now);
        _stdout.GetStringBuilder().Clear();

        var second = await Frugal("run", "--policy", PolicyPath, "--now", Now, "--format", "json");

        Assert.Equal(ExitCodes.Success, first);
        Assert.Equal(ExitCodes.Success, second);
        using (var json = JsonDocument.Parse(_stdout.ToString()))
        {
            Assert.Equal(0, json.RootElement.GetProperty("plan").GetProperty("actions").GetArrayLength());
            Assert.Equal(2, json.RootElement.GetProperty("plan").GetProperty("alreadyFired").GetArrayLength());
        }

        _stdout.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await Frugal("history", "--policy", PolicyPath, "--format", "json"));
        using var history = JsonDocument.Parse(_stdout.ToString());
        var outcomes = history.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() is "action" or "notification")
            .Select(e => e.GetProperty("outcome").GetString())
            .ToList();
        Assert.Equal(3, outcomes.Count);
        Assert.Single(outcomes, o => o!.StartsWith("skipped: dry run", StringComparison.Ordinal));
        Assert.Equal(2, outcomes.Count(o => o!.StartsWith("delivered: written to the log", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_PlanOverSafetyLimit_RefusedExitOneNothingActedOn()
    {
        File.WriteAllText(PolicyPath, Policy(maxActions: 1));

        var exitCode = await Frugal("run", "--policy", PolicyPath, "--now", Now);

        Assert.Equal(ExitCodes.ActionFailed, exitCode);
        Assert.Contains("Plan REFUSED: the plan has 3 actions, more than safety.maxActionsPerRun (1)",
            _stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("[notify", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MissingFocusFile_OneLineErrorExitTwoNoState()
    {
        var missing = Path.Combine(_folder, "nope.csv");

        var exitCode = await Frugal("run", "--policy", PolicyPath, "--focus", missing, "--now", Now);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        var error = Assert.Single(Lines(_stderr));
        Assert.StartsWith("frugal: ", error, StringComparison.Ordinal);
        Assert.Contains("nope.csv", error, StringComparison.Ordinal);
        Assert.False(File.Exists(StatePath));
    }

    [Fact]
    public async Task Plan_PolicyNotYaml_ErrorNamesFileExitTwo()
    {
        File.WriteAllBytes(PolicyPath, [0x00, 0xFF, 0xFE, 0x01]);

        var exitCode = await Frugal("plan", "--policy", PolicyPath, "--now", Now);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains(PolicyPath, _stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_BadNow_ExitTwo()
    {
        var exitCode = await Frugal("plan", "--policy", PolicyPath, "--now", "yesterday-ish");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Equal("frugal: --now: 'yesterday-ish' is not a timestamp (for example 2026-11-20T12:00:00Z)",
            Assert.Single(Lines(_stderr)));
    }

    [Fact]
    public async Task Plan_MissingRequiredOption_ExitTwo()
    {
        var exitCode = await Frugal("plan");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--policy", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_NothingRunYet_SaysSoExitZero()
    {
        var exitCode = await Frugal("history", "--policy", PolicyPath);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("No history yet", _stdout.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<int> Frugal(params string[] args) => FrugalCommandLine.InvokeAsync(args, _stdout, _stderr);

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Policy(int maxActions) => $$"""
        safety:
          dryRun: true
          maxActionsPerRun: {{maxActions}}
        sources:
          focus: [costs.csv]
        channels:
          - name: ops
            kind: console
        budgets:
          - name: ml-platform
            amount: 200
            currency: USD
            period: month
            timeZone: Etc/UTC
            thresholds:
              - at: 0.5
                actions:
                  - notify: [ops]
                  - holdTraining: {}
              - at: 1.2
                on: forecast
                actions:
                  - notify: [ops]
        """;

    internal static string FocusCsv(decimal dailyCost)
    {
        var csv = new StringBuilder();
        csv.AppendLine("BillingAccountId,BillingCurrency,BilledCost,EffectiveCost,ChargePeriodStart,ChargePeriodEnd," +
            "ProviderName,SubAccountId,ServiceName,RegionId,Tags");
        for (var day = 1; day <= 15; day++)
        {
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"A1,USD,{dailyCost},{dailyCost},2026-11-{day:00}T00:00:00Z,2026-11-{day + 1:00}T00:00:00Z," +
                $"Google Cloud,ml-training-prod,Compute Engine,us-central1,\"{{\"\"team\"\":\"\"ml\"\"}}\""));
        }

        return csv.ToString();
    }
}
