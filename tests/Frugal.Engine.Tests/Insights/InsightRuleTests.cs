using Frugal.Engine.Insights;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Insights;

/// <summary>The rules and movers on small hand-made cost lines, where every figure is worked out in the test.</summary>
public sealed class InsightRuleTests
{
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    private static readonly InsightPeriod TenDays = new(
        new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ServingFloor_FlatAroundTheClock_RecommendsAnOffPeakScheduleWithItsSnippet()
    {
        var lines = Hours(TenDays, h => h is >= 12 and < 20 ? 10m : 9m, team: "serving", model: "ranker");

        var report = Analyze(lines);

        var floor = Assert.Single(report.Recommendations);
        Assert.Equal(RecommendationKind.ServingFloor, floor.Kind);
        var quietHours = 8 * 10 * 9m;
        Assert.Equal(quietHours * 0.5m * 30m / 10m, floor.MonthlySaving.Amount);
        Assert.Contains("minReplicas: 1", floor.PolicySnippet, StringComparison.Ordinal);
        Assert.Contains("clusters: [serve-1]", floor.PolicySnippet, StringComparison.Ordinal);
        Assert.Contains("from: \"00:00\"", floor.PolicySnippet, StringComparison.Ordinal);
        Assert.Contains("to: \"08:00\"", floor.PolicySnippet, StringComparison.Ordinal);
    }

    [Fact]
    public void ServingFloor_DailyChargePeriods_ShowNoHoursAndRecommendNothing()
    {
        var lines = Enumerable.Range(0, 10)
            .Select(d => Line(TenDays.From.AddDays(d), 100m, team: "serving", model: "ranker"))
            .ToList();

        var report = Analyze(lines);

        Assert.Empty(report.Recommendations);
    }

    [Fact]
    public void Movers_RankByAbsoluteChange_AndANewServiceHasNoRelativeChange()
    {
        var before = TenDays.Previous.From;
        var lines = new List<CostLine>
        {
            Line(before, 100m, service: "Compute Engine"), Line(TenDays.From, 130m, service: "Compute Engine"),
            Line(before, 50m, service: "BigQuery"), Line(TenDays.From, 5m, service: "BigQuery"),
            Line(TenDays.From.AddHours(3), 20m, service: "Vertex AI"),
        };

        var report = Analyze(lines);

        Assert.Equal(["BigQuery in p", "Compute Engine in p", "Vertex AI in p"], report.Movers.Select(m => m.Key));
        Assert.Equal(-45m, report.Movers[0].Change.Amount);
        Assert.Equal(-0.9m, report.Movers[0].Relative);
        Assert.Null(report.Movers[2].Relative);
        Assert.Equal(150m, report.PreviousTotal.Amount);
    }

    [Fact]
    public void HotModelStorage_TheArchivePlansHotMoves_AreOneRecommendationWithTheirSummedSaving()
    {
        var plan = new ArchivePlan(
        [
            Decision("reranker", "1", StorageTier.Hot, StorageTier.Archive, 1.25m),
            Decision("reranker", "2", StorageTier.Hot, StorageTier.Cold, 0.50m),
            Decision("sentiment", "1", StorageTier.Cool, StorageTier.Archive, 9m),
        ], [], TenDays.To);

        var report = InsightAnalyzer.Analyze(new InsightInput(TenDays, [Line(TenDays.From, 1m)]) { Archive = plan });

        var storage = Assert.Single(report.Recommendations);
        Assert.Equal(RecommendationKind.HotModelStorage, storage.Kind);
        Assert.Equal(1.75m, storage.MonthlySaving.Amount);
        Assert.Equal(2, storage.Evidence.Count);
        Assert.StartsWith("models:reranker/1: 2 GiB Hot -> Archive, saves USD 1.25", storage.Evidence[0],
            StringComparison.Ordinal);
    }

    [Fact]
    public void Spot_ACatalogDiscountForASku_ReplacesTheFallback()
    {
        var lines = new[]
        {
            Line(TenDays.From, 1000m, team: "training", sku: "a2-highgpu-8g"),
            Line(TenDays.From, 100m, team: "training", sku: "n1-standard-8"),
        };
        var discounts = new Dictionary<string, decimal> { ["a2-highgpu-8g"] = 0.70m };

        var report = InsightAnalyzer.Analyze(new InsightInput(TenDays, lines) { SpotDiscounts = discounts });

        var spot = Assert.Single(report.Recommendations);
        Assert.Equal(((1000m * 0.70m) + (100m * 0.60m)) * 3m, spot.MonthlySaving.Amount);
        Assert.EndsWith("(price catalog)", spot.Evidence[0], StringComparison.Ordinal);
        Assert.EndsWith("(fallback)", spot.Evidence[1], StringComparison.Ordinal);
    }

    [Fact]
    public void NoCostLines_NoWorkerAndNoRegistry_GiveNoRecommendation()
    {
        var report = Analyze([]);

        Assert.Empty(report.Recommendations);
        Assert.Equal(0m, report.Total.Amount);
        Assert.Equal(10, report.Daily.Count);
    }

    private static InsightReport Analyze(IReadOnlyList<CostLine> lines) =>
        InsightAnalyzer.Analyze(new InsightInput(TenDays, lines));

    private static List<CostLine> Hours(
        InsightPeriod period, Func<int, decimal> cost, string team, string model) =>
        [
            .. Enumerable.Range(0, (int)period.Length.TotalHours)
                .Select(h => period.From.AddHours(h))
                .Select(at => Line(at, cost(at.Hour), team: team, model: model, cluster: "serve-1")),
        ];

    private static CostLine Line(
        DateTimeOffset at, decimal cost, string service = "Compute Engine", string? team = null,
        string? model = null, string? cluster = null, string sku = "g2-standard-8") =>
        new(at, service, "Compute", "p", "us-central1", "r1", sku, "Standard", team, model, cluster,
            new Engine.Money.Money(cost, Usd));

    private static ArchiveDecision Decision(
        string model, string version, StorageTier from, StorageTier to, decimal saving) =>
        new(new ModelVersionKey("models", model, version), ArchiveOperation.Move, from, to, 2L << 30,
            new Engine.Money.Money(saving, Usd), "idle 90 days");
}
