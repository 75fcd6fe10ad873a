using System.Text.Json;

namespace Frugal.Cli.Tests.Commands;

public sealed class CostsCommandTests : IDisposable
{
    private const string Header =
        "ChargePeriodStart,BilledCost,EffectiveCost,BillingCurrency,ServiceName,SubAccountId,Tags";

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Costs_JsonFormat_PrintsTheDocumentedShapeWithExactAmounts()
    {
        var path = _folder.Write(
            "a.csv",
            Header + "\n" +
            "2026-11-01T00:00:00Z,1.10,1,USD,Compute Engine,p1,\"{\"\"team\"\":\"\"ml\"\"}\"\n" +
            "2026-11-01T01:00:00Z,2.205,2,USD,Compute Engine,p1,\"{\"\"team\"\":\"\"ml\"\"}\"\n" +
            "2026-11-01T01:00:00Z,0.5,0.5,EUR,Compute Engine,p2,\n");

        var run = await CliRun.InvokeAsync(
            "costs", "--focus", path, "--group-by", "ServiceName,tag:team", "--format", "json");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        var expected = """
            {
              "metric": "BilledCost",
              "groupBy": ["ServiceName", "tag:team"],
              "groups": [
                {"key": {"ServiceName": "Compute Engine", "tag:team": "ml"}, "currency": "USD", "cost": "3.305"},
                {"key": {"ServiceName": "Compute Engine", "tag:team": null}, "currency": "EUR", "cost": "0.5"}
              ],
              "totals": [{"currency": "EUR", "cost": "0.5"}, {"currency": "USD", "cost": "3.305"}],
              "rowsRead": 3,
              "rowsRejected": 0,
              "rejected": []
            }
            """;
        Assert.Equal(Compact(expected), Compact(run.Stdout));
    }

    [Fact]
    public async Task Costs_TableFormat_AlignsColumnsAndSortsByCostDescending()
    {
        var path = _folder.Write(
            "a.csv",
            Header + "\n2026-11-01,5,5,USD,BigQuery,p1,\n2026-11-01,120.25,0,USD,Compute Engine,p1,\n" +
            "2026-11-02,3,3,USD,Cloud Storage,p1,\n");

        var run = await CliRun.InvokeAsync("costs", "--focus", path, "--group-by", "servicename");

        var expected = string.Join('\n',
            "ServiceName     Currency    Cost",
            "--------------  --------  ------",
            "Compute Engine  USD       120.25",
            "BigQuery        USD            5",
            "Cloud Storage   USD            3",
            "--------------  --------  ------",
            "Total           USD       128.25",
            string.Empty);
        Assert.Equal(expected, run.Stdout);
    }

    [Fact]
    public async Task Costs_CsvFormat_WritesHeaderAndQuotedValues()
    {
        var path = _folder.Write("a.csv", Header + "\n2026-11-01,5,5,USD,\"Compute, GPU\",p1,\n");

        var run = await CliRun.InvokeAsync("costs", "--focus", path, "--group-by", "ServiceName", "--format", "csv");

        Assert.Equal("ServiceName,Currency,Cost\n\"Compute, GPU\",USD,5\n", run.Stdout);
    }

    [Fact]
    public async Task Costs_MalformedRows_WarnsWithTheCountAndSucceeds()
    {
        var path = _folder.Write(
            "a.csv", Header + "\n2026-11-01,5,5,USD,A,p1,\n2026-11-01,five,5,USD,A,p1,\n2026-11-01,x,5,USD,A,p1,\n");

        var run = await CliRun.InvokeAsync("costs", "--focus", path, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            $"frugal: warning: skipped 2 malformed rows (first: {path}: line 3: BilledCost 'five' is not a number)\n",
            run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("rowsRejected").GetInt32());
        var first = json.RootElement.GetProperty("rejected")[0];
        Assert.Equal((3, false), (first.GetProperty("line").GetInt32(), first.TryGetProperty("file", out _)));
    }

    [Fact]
    public async Task Costs_SeveralFiles_NamesTheFileOfEachRejectedRow()
    {
        var first = _folder.Write("a.csv", Header + "\n2026-11-01,5,5,USD,A,p1,\n");
        var second = _folder.Write("b.csv", Header + "\n2026-11-01,oops,5,USD,A,p1,\n");

        var run = await CliRun.InvokeAsync("costs", "--focus", first, "--focus", second, "--format", "json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(second, json.RootElement.GetProperty("rejected")[0].GetProperty("file").GetString());
    }

    [Fact]
    public async Task Costs_StrictWithMalformedRow_ExitsTwoWithOneLine()
    {
        var path = _folder.Write("a.csv", Header + "\n2026-11-01,5,5,USD,A,p1,\n2026-11-01,five,5,USD,A,p1,\n");

        var run = await CliRun.InvokeAsync("costs", "--focus", path, "--strict");

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.Equal($"frugal: {path}: line 3: BilledCost 'five' is not a number\n", run.Stderr);
    }

    [Fact]
    public async Task Costs_MissingFile_ExitsTwoWithoutStackTrace()
    {
        var path = _folder.File("missing.csv");

        var run = await CliRun.InvokeAsync("costs", "--focus", path);

        Assert.Equal((2, string.Empty, $"frugal: {path}: file not found\n"), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [Theory]
    [InlineData("--group-by", "Colour", "unknown group-by column 'Colour'")]
    [InlineData("--from", "last week", "--from 'last week' is not a date (yyyy-MM-dd) or a timestamp")]
    [InlineData("--currency", "dollars", "--currency 'dollars' is not an ISO 4217 currency code")]
    [InlineData("--metric", "ListCost", "ListCost")]
    [InlineData("--format", "xml", "xml")]
    public async Task Costs_BadOption_ExitsTwoNamingIt(string option, string value, string fragment)
    {
        var path = _folder.Write("a.csv", Header + "\n2026-11-01,5,5,USD,A,p1,\n");

        var run = await CliRun.InvokeAsync("costs", "--focus", path, option, value);

        Assert.Equal((2, string.Empty), (run.ExitCode, run.Stdout));
        Assert.StartsWith("frugal: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(fragment, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Costs_FromAndTo_FilterOnChargePeriodStart()
    {
        var path = _folder.Write(
            "a.csv",
            Header + "\n2026-10-31T23:00:00Z,1,1,USD,A,p1,\n2026-11-15,10,1,USD,A,p1,\n2026-12-01,100,1,USD,A,p1,\n");

        var run = await CliRun.InvokeAsync(
            "costs", "--focus", path, "--from", "2026-11-01", "--to", "2026-12-01", "--format", "csv");

        Assert.Equal("Currency,Cost\nUSD,10\n", run.Stdout);
    }

    [Fact]
    public async Task Costs_SpecExampleWithCurrency_ReadsEffectiveCost()
    {
        var path = RepositoryPaths.TestData("focus", "spec_v1.2_commitment_discount_usage_scenario_1.csv");

        var withoutCurrency = await CliRun.InvokeAsync("costs", "--focus", path);
        var withCurrency = await CliRun.InvokeAsync(
            "costs", "--focus", path, "--currency", "usd", "--metric", "EffectiveCost", "--format", "csv");

        Assert.Equal(2, withoutCurrency.ExitCode);
        Assert.Contains("no BillingCurrency column", withoutCurrency.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, "Currency,Cost\nUSD,1.00\n"), (withCurrency.ExitCode, withCurrency.Stdout));
    }

    public void Dispose() => _folder.Dispose();

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}
