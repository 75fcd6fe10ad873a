using System.Diagnostics;
using System.Text.Json;
using Frugal.Cli.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private const string Now = "2026-12-04T09:00:00Z";
    private readonly TempFolder _temp = new();

    private static string SamplePolicy => Path.Combine(RepositoryPaths.Root, "samples", "frugal.yaml");

    private static string SampleFocus =>
        Path.Combine(RepositoryPaths.Root, "samples", "focus", "ml-team-2026-11.csv.gz");

    [Fact]
    public async Task Report_SamplePolicy_WritesSelfContainedHtmlAndJsonForTheMonthTheDataEndsWith()
    {
        var (html, json) = (_temp.File("report.html"), _temp.File("report.json"));

        var run = await CliRun.InvokeAsync("report", "--policy", SamplePolicy, "--now", Now, "--state",
            _temp.File("state.db"), "--out", html, "--json", json);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.Stderr));
        Assert.Contains("Period 2026-11-01 00:00 to 2026-12-01 00:00 UTC", run.Stdout, StringComparison.Ordinal);
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var kinds = document.RootElement.GetProperty("recommendations").EnumerateArray()
            .Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["spotForBatch", "spotForBatch", "hotModelStorage"], kinds);
        Assert.False(document.RootElement.GetProperty("inference").GetProperty("reported").GetBoolean());
    }

    [Fact]
    public async Task Report_TheSameDataAndClock_GiveTheSameBytes()
    {
        await CliRun.InvokeAsync("report", "--focus", SampleFocus, "--now", Now,
            "--out", _temp.File("a.html"), "--json", _temp.File("a.json"));

        await CliRun.InvokeAsync("report", "--focus", SampleFocus, "--now", Now,
            "--out", _temp.File("b.html"), "--json", _temp.File("b.json"));

        Assert.Equal(File.ReadAllBytes(_temp.File("a.html")), File.ReadAllBytes(_temp.File("b.html")));
        Assert.Equal(File.ReadAllBytes(_temp.File("a.json")), File.ReadAllBytes(_temp.File("b.json")));
    }

    [Fact]
    public async Task Report_OnTheSampleMonth_TakesUnderTenSeconds()
    {
        var clock = Stopwatch.StartNew();

        var run = await CliRun.InvokeAsync("report", "--focus", SampleFocus, "--now", Now,
            "--out", _temp.File("r.html"), "--json", _temp.File("r.json"));

        Assert.Equal(0, run.ExitCode);
        // About 1 s on an idle 2-core machine; the margin is for shared build machines, the guard for a regression.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData("--from", "2026-11-10")]
    [InlineData("--from", "2026-11-20", "--to", "2026-11-10")]
    [InlineData("--from", "yesterday", "--to", "2026-11-10")]
    public async Task Report_ABadPeriod_ExitsTwoAndWritesNothing(params string[] period)
    {
        var run = await CliRun.InvokeAsync(
            ["report", "--focus", SampleFocus, "--out", _temp.File("r.html"), .. period]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("frugal: ", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("r.html")));
    }

    [Fact]
    public async Task Report_NoCostData_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("report", "--out", _temp.File("r.html"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no cost data", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ARegistryThatCannotBeListed_LeavesANoteAndTheOtherRecommendations()
    {
        var policy = _temp.Write("frugal.yaml", File.ReadAllText(SamplePolicy)
            .Replace("path: models", "path: " + _temp.File("no-such-folder"), StringComparison.Ordinal)
            .Replace("- focus/ml-team-2026-11.csv.gz", "- " + SampleFocus, StringComparison.Ordinal));

        var run = await CliRun.InvokeAsync("report", "--policy", policy, "--now", Now, "--json", _temp.File("r.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Note: model storage was not checked: registry 'sample-models'", run.Stdout,
            StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(_temp.File("r.json")));
        Assert.Equal(2, document.RootElement.GetProperty("recommendations").GetArrayLength());
        Assert.Single(document.RootElement.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task RecommendAsync_ForTheDigest_GivesTheSampleRecommendationsLargestFirst()
    {
        await using var services = JobServices.Build(new FixedTimeProvider(DateTimeOffset.Parse(
            Now, System.Globalization.CultureInfo.InvariantCulture)), TextWriter.Null);
        var policy = Engine.Policies.PolicyLoader.LoadValid(SamplePolicy);

        var found = await services.GetRequiredService<Engine.Insights.IRecommendationSource>()
            .RecommendAsync(policy, TestContext.Current.CancellationToken);

        Assert.Equal(
            [Engine.Insights.RecommendationKind.SpotForBatch, Engine.Insights.RecommendationKind.SpotForBatch,
                Engine.Insights.RecommendationKind.HotModelStorage],
            found.Select(r => r.Kind));
        Assert.True(found[0].MonthlySaving.Amount > found[1].MonthlySaving.Amount);
    }

    [Fact]
    public async Task Costs_TopThreeByService_PrintsTheThreeLargestAndTotalsForAll()
    {
        var run = await CliRun.InvokeAsync("costs", "--focus", SampleFocus, "--by", "ServiceName", "--top", "3",
            "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var groups = document.RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("key").GetProperty("ServiceName").GetString()).ToList();
        Assert.Equal(["Compute Engine", "Cloud Storage", "Virtual Machines"], groups);
        Assert.Equal(2, document.RootElement.GetProperty("totals").GetArrayLength());
    }

    [Fact]
    public async Task Costs_ByATag_GroupsByItsValues()
    {
        var run = await CliRun.InvokeAsync("costs", "--focus", SampleFocus, "--by", "tag:team", "--top", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("training", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Costs_AnUnknownByColumn_ExitsTwoNamingIt()
    {
        var run = await CliRun.InvokeAsync("costs", "--focus", SampleFocus, "--by", "NoSuchColumn");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'NoSuchColumn'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Costs_TopZero_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("costs", "--focus", SampleFocus, "--by", "ServiceName", "--top", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--top", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
