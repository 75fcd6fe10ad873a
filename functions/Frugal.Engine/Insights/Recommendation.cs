namespace Frugal.Engine.Insights;

public enum RecommendationKind
{
    /// <summary>Training or batch work billed on demand that could run on Spot.</summary>
    SpotForBatch,

    /// <summary>GPU nodes or VMs the worker reports nearly idle.</summary>
    IdleGpu,

    /// <summary>Serving that costs as much in its quietest hours as at its peak: a schedule rule to add.</summary>
    ServingFloor,

    /// <summary>Model versions in hot storage that the archival rules would move.</summary>
    HotModelStorage,

    /// <summary>The same requests computed again and again, from the worker's cache statistics.</summary>
    RepeatedComputation,
}

/// <summary>
/// One thing to change, with the evidence it rests on, the estimated saving per month (30 days) and how that was
/// computed. A recommendation never acts: <see cref="PolicySnippet"/>, where there is one, is YAML the user may add
/// to the policy; <see cref="Adopt"/> says what to do.
/// </summary>
public sealed record Recommendation(
    RecommendationKind Kind,
    string Title,
    IReadOnlyList<string> Evidence,
    Money.Money MonthlySaving,
    string HowComputed,
    string Adopt,
    string? PolicySnippet = null)
{
    /// <summary>
    /// The saving as people read it: "about USD 900 a month", or "under USD 0.01 a month" for a saving that rounds
    /// to nothing (a few small files), so that a real but tiny figure never reads as zero.
    /// </summary>
    public string MonthlySavingText =>
        MonthlySaving.Amount is > 0m and < 0.01m
            ? $"under {MonthlySaving.Currency.Code} 0.01 a month"
            : $"about {Notifications.NotificationText.Money(MonthlySaving.Amount, MonthlySaving.Currency.Code)} " +
              "a month";
}
