using Frugal.Engine;
using Frugal.Engine.Insights;
using Frugal.Engine.Money;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Testing.StateContract;
using Microsoft.Extensions.Time.Testing;
using static Frugal.Testing.StateContract.CycleFixture;

namespace Frugal.State.Sqlite.Tests;

public sealed class DigestRecommendationTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DigestAsync_FourRecommendations_TheDigestCarriesTheTopThreeThroughTheOutbox()
    {
        var console = new ScriptedChannel();
        var source = new FixedRecommendations(
            Saving("Run training on Spot", 900m), Saving("Archive 2 model versions", 12.5m),
            Saving("GPU capacity for ranker is nearly idle", 300m), Saving("Lower the serving floor", 40m));

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [console], source)
            .DigestAsync(DigestPolicy(), Ledger(), CancellationToken.None);

        var digest = Assert.Single(console.Received).Event.Digest!;
        Assert.Equal(
        [
            "Run training on Spot: about USD 900 a month (evidence: frugal report)",
            "GPU capacity for ranker is nearly idle: about USD 300 a month (evidence: frugal report)",
            "Lower the serving floor: about USD 40 a month (evidence: frugal report)",
        ], digest.Recommendations);
    }

    [Fact]
    public async Task DigestAsync_RecommendationsFail_TheDigestGoesOutAndSaysWhy()
    {
        var console = new ScriptedChannel();
        var source = new FixedRecommendations { Failure = new FrugalInputException("a.csv: not a FOCUS file") };

        await Cycle(SqliteStateStore.Open(_db.Path), _time, [console], source)
            .DigestAsync(DigestPolicy(), Ledger(), CancellationToken.None);

        var digest = Assert.Single(console.Received).Event.Digest!;
        Assert.Equal(["recommendations could not be worked out: a.csv: not a FOCUS file"], digest.Recommendations);
    }

    public void Dispose() => _db.Dispose();

    private static FrugalPolicy DigestPolicy() => Policy(dryRun: true) with
    {
        Notifications = new NotificationPolicy
        {
            Routes = [new NotificationRoute { Events = [NotificationEventKind.DailyDigest] }],
            DigestTimeZone = "Europe/Berlin",
        },
    };

    private static Recommendation Saving(string title, decimal amount) => new(
        RecommendationKind.SpotForBatch, title, ["evidence"], new Money(amount, CurrencyCode.Parse("USD")),
        "how", "adopt");

    /// <summary>Answers with the recommendations it was given, largest saving first, or fails as told.</summary>
    private sealed class FixedRecommendations(params Recommendation[] recommendations) : IRecommendationSource
    {
        public Exception? Failure { get; init; }

        public Task<IReadOnlyList<Recommendation>> RecommendAsync(FrugalPolicy policy, CancellationToken ct) =>
            Failure is null
                ? Task.FromResult<IReadOnlyList<Recommendation>>(
                    [.. recommendations.OrderByDescending(r => r.MonthlySaving.Amount)])
                : Task.FromException<IReadOnlyList<Recommendation>>(Failure);
    }
}
