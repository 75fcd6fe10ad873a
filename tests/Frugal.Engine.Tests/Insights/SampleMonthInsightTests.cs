using Frugal.Engine.Inference;
using Frugal.Engine.Insights;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Insights;

/// <summary>The report on the bundled November 2026 sample, checked against sums over the raw rows.</summary>
public sealed class SampleMonthInsightTests
{
    private static readonly InsightPeriod November = new(
        new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    private static readonly IReadOnlyList<RawRow> Usd30Days =
        [.. RawSampleRows.All.Where(r => r["BillingCurrency"] == "USD")];

    [Fact]
    public async Task Spot_OnDemandTrainingInTheTrainingProject_SavesTheFallbackDiscountOfItsBilledCost()
    {
        var onDemandTraining = Usd30Days.Where(r => r["SubAccountId"] == "ml-training-prod" &&
            r["ServiceName"] == "Compute Engine" && r["PricingCategory"] == "Standard" &&
            r["ServiceCategory"] == "Compute" && r.Tag("team") == "training").ToList();
        var expected = onDemandTraining.Sum(r => r.Billed) * 0.60m;

        var report = await AnalyzeAsync();

        var spot = Single(report, RecommendationKind.SpotForBatch, "ml-training-prod");
        Assert.Equal(new Engine.Money.Money(expected, Usd), spot.MonthlySaving);
        Assert.Equal(["a2-highgpu-8g", "a3-highgpu-8g"], onDemandTraining.Select(r => r["SkuId"]).Distinct().Order());
        Assert.Equal(2, spot.Evidence.Count);
        Assert.StartsWith("a2-highgpu-8g: USD ", spot.Evidence[0], StringComparison.Ordinal);
        Assert.Contains("on 6 resource(s)", spot.Evidence[0], StringComparison.Ordinal);
        Assert.Contains("on 4 resource(s)", spot.Evidence[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spot_TheAzureTrainingVms_AreASecondRecommendationAndSpotRowsAreNeverCandidates()
    {
        var azureTraining = Usd30Days.Where(r => r["ServiceName"] == "Virtual Machines" &&
            r["PricingCategory"] == "Standard" && r.Tag("team") == "training").Sum(r => r.Billed);

        var report = await AnalyzeAsync();

        var spot = report.Recommendations.Where(r => r.Kind == RecommendationKind.SpotForBatch).ToList();
        Assert.Equal(2, spot.Count);
        var azure = Single(report, RecommendationKind.SpotForBatch, "Virtual Machines");
        Assert.Equal(azureTraining * 0.60m, azure.MonthlySaving.Amount);
        Assert.DoesNotContain(spot.SelectMany(r => r.Evidence), e => e.Contains("spot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Breakdowns_AndUntaggedSpend_MatchSumsOverTheRawRows()
    {
        var compute = Usd30Days.Where(r => r["ServiceName"] == "Compute Engine").Sum(r => r.Billed);
        var untagged = Usd30Days.Where(r => r.Tag("team") is null && r.Billed >= 0m).Sum(r => r.Billed);
        var untaggedCredits = Usd30Days.Where(r => r.Tag("team") is null && r.Billed < 0m).Sum(r => r.Billed);
        var euros = RawSampleRows.All.Where(r => r["BillingCurrency"] == "EUR").Sum(r => r.Billed);

        var report = await AnalyzeAsync();

        Assert.Equal(Usd, report.Currency);
        Assert.Equal(Usd30Days.Sum(r => r.Billed), report.Total.Amount);
        Assert.Equal([new Engine.Money.Money(euros, CurrencyCode.Parse("EUR"))], report.OtherCurrencies);
        var byService = report.Breakdowns.Single(b => b.By == "service");
        Assert.Equal(
            new SpendShare("Compute Engine", new(compute, Usd), compute / report.Total.Amount), byService.Top[0]);
        Assert.Equal(untagged, report.Untagged.Cost.Amount);
        Assert.Equal(untaggedCredits, report.Untagged.Credits.Amount);
        Assert.True(untaggedCredits < 0m, "credits lack a team tag in the sample");
    }

    [Fact]
    public async Task ServingFloor_TheSampleServingFollowsItsDailyCurve_SoNothingIsRecommended()
    {
        var hours = new decimal[24];
        foreach (var row in Usd30Days.Where(r => r.Tag("model") == "ranker-v3" && r["ServiceCategory"] == "Compute"))
        {
            hours[row.Start.Hour] += row.Billed;
        }

        var quietest = Enumerable.Range(0, 24).Min(s => Enumerable.Range(s, 8).Sum(h => hours[h % 24])) / 8;

        var report = await AnalyzeAsync();

        Assert.True(quietest / hours.Max() < 0.80m, $"quiet/peak is {quietest / hours.Max():0.00}");
        Assert.DoesNotContain(report.Recommendations, r => r.Kind == RecommendationKind.ServingFloor);
    }

    [Fact]
    public async Task IdleGpu_WorkerJobsCostingLittleOfTheRankerPool_RecommendsTheDifference()
    {
        var billed = Usd30Days.Where(r => r.Tag("model") == "ranker-v3" &&
            r["ServiceCategory"] is "Compute" or "AI and Machine Learning").Sum(r => r.Billed);
        var usage = new[] { Usage("ranker-v3", "3", cost: 100m, hits: 0, misses: 1000) };

        var report = await AnalyzeAsync(usage);

        var idle = Single(report, RecommendationKind.IdleGpu, "ranker-v3");
        Assert.Equal(billed - 100m, idle.MonthlySaving.Amount);
        Assert.Contains(idle.Evidence, e => e.StartsWith("g2-standard-8 in ml-serving-prod", StringComparison.Ordinal));
        Assert.True(report.Inference.Reported);
        Assert.Equal(100m, report.Inference.Models.Single().PerThousand!.Value.Amount);
    }

    [Fact]
    public async Task RepeatedComputation_SixInTenRequestsCached_SavesThatShareOfTheWorkersCost()
    {
        var usage = new[]
        {
            Usage("sentiment", "2", cost: 40m, hits: 500, misses: 300),
            Usage("sentiment", "3", cost: 10m, hits: 100, misses: 100),
            Usage("reranker", "5", cost: 80m, hits: 10, misses: 990),
        };

        var report = await AnalyzeAsync(usage);

        var repeated = Single(report, RecommendationKind.RepeatedComputation, "sentiment");
        Assert.Equal(50m * 600m / 1000m, repeated.MonthlySaving.Amount);
        Assert.DoesNotContain(report.Recommendations, r => r.Title.Contains("reranker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryRecommendation_HasEvidenceAndSaysHowItWasComputed()
    {
        var report = await AnalyzeAsync([Usage("ranker-v3", "3", 100m, 600, 400)]);

        Assert.NotEmpty(report.Recommendations);
        Assert.All(report.Recommendations, r =>
        {
            Assert.NotEmpty(r.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(r.HowComputed));
            Assert.True(r.MonthlySaving.Amount > 0m);
            Assert.Equal(Usd, r.MonthlySaving.Currency);
        });
        Assert.Equal(
            report.Recommendations.Select(r => r.MonthlySaving.Amount).OrderDescending(),
            report.Recommendations.Select(r => r.MonthlySaving.Amount));
    }

    [Fact]
    public async Task NothingReportedByTheWorker_TheReportSaysSo()
    {
        var report = await AnalyzeAsync();

        Assert.False(report.Inference.Reported);
        Assert.Contains("reported nothing", report.Inference.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Recommendations, r => r.Kind is RecommendationKind.IdleGpu
            or RecommendationKind.RepeatedComputation);
    }

    [Fact]
    public async Task TheJson_IsTheSameForTheSameInput()
    {
        var first = InsightReportJson.Write(await AnalyzeAsync());

        var second = InsightReportJson.Write(await AnalyzeAsync());

        Assert.Equal(first, second);
        Assert.Contains("\"kind\": \"spotForBatch\"", first, StringComparison.Ordinal);
    }

    private static Recommendation Single(InsightReport report, RecommendationKind kind, string titlePart) =>
        Assert.Single(report.Recommendations,
            r => r.Kind == kind && r.Title.Contains(titlePart, StringComparison.Ordinal));

    private static ModelInferenceUsage Usage(string model, string version, decimal cost, long hits, long misses) =>
        new(model, version, hits + misses, 3600m, new Engine.Money.Money(cost, Usd), hits, misses);

    private static async Task<InsightReport> AnalyzeAsync(IReadOnlyList<ModelInferenceUsage>? usage = null)
    {
        var answer = await FocusLedgerReader.QueryAsync(
            [RawSampleRows.Path], CostLineQuery.For(November, InsightOptions.Default), FocusReadOptions.Default,
            TestContext.Current.CancellationToken);
        return InsightAnalyzer.Analyze(new InsightInput(November, CostLineQuery.Lines(answer)) { Usage = usage });
    }
}
