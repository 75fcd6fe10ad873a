using System.Globalization;
using Frugal.Engine.Inference;

namespace Frugal.Engine.Insights;

/// <summary>
/// Models whose requests repeat: the worker's result cache answered a large share of them, a sign that callers ask
/// the same questions again, and that the misses it paid GPU time for hold repeats it had already forgotten.
/// </summary>
internal static class RepeatedComputationRule
{
    public static IEnumerable<Recommendation> Find(
        PeriodSpend spend, IReadOnlyList<ModelInferenceUsage>? usage, InsightOptions options)
    {
        if (usage is null)
        {
            yield break;
        }

        var models = usage.Where(u => u.Cost.Currency == spend.Currency)
            .GroupBy(u => u.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var model in models)
        {
            var (hits, misses) = (model.Sum(u => u.CacheHits), model.Sum(u => u.CacheMisses));
            var cost = model.Sum(u => u.Cost.Amount);
            var share = hits + misses == 0 ? 0m : (decimal)hits / (hits + misses);
            if (share >= options.RepeatShare && cost > 0m)
            {
                yield return Recommend(spend, model.Key, hits, misses, cost, share, options);
            }
        }
    }

    private static Recommendation Recommend(
        PeriodSpend spend, string model, long hits, long misses, decimal cost, decimal share, InsightOptions options)
    {
        var evidence = new List<string>
        {
            $"{model}: the result cache answered {Count(hits)} of {Count(hits + misses)} requests " +
            $"({InsightText.Percent(share)}, at least {InsightText.Percent(options.RepeatShare)} flags a model)",
            $"the {Count(misses)} computed requests cost {InsightText.Money(new(cost, spend.Currency))} in GPU time " +
            $"over {InsightText.Days(spend.Period)}",
        };
        return new Recommendation(
            RecommendationKind.RepeatedComputation,
            $"Stop computing the same requests to {model} again",
            evidence,
            new Money.Money(spend.Period.PerMonth(cost * share), spend.Currency),
            "the worker's reported cost for the model x its cache hit share (assuming the computed requests repeat " +
            "as often as the cached ones did), times 30 / " + $"{InsightText.Number(spend.Period.Days)} days",
            "keep answers longer (a larger result cache on the worker) or have callers reuse results they already " +
            "have; nothing to add to the policy");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
