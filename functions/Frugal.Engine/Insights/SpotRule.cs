namespace Frugal.Engine.Insights;

/// <summary>Training or batch compute billed on demand: the same work on Spot costs the discount less.</summary>
internal static class SpotRule
{
    public static IEnumerable<Recommendation> Find(
        PeriodSpend spend, IReadOnlyDictionary<string, decimal> discounts, InsightOptions options)
    {
        var candidates = Candidates(spend.Lines, options)
            .GroupBy(l => (Project: l.Project ?? SpendBreakdowns.None, Service: l.Service ?? SpendBreakdowns.None))
            .OrderBy(g => g.Key.Project, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Service, StringComparer.Ordinal);
        foreach (var group in candidates)
        {
            yield return Recommend(spend, group.Key.Project, group.Key.Service, [.. group], discounts, options);
        }
    }

    /// <summary>The lines the rule weighs: on-demand compute of the batch teams.</summary>
    public static IEnumerable<CostLine> Candidates(IEnumerable<CostLine> lines, InsightOptions options) =>
        lines.Where(l => l.IsOnDemand && l.IsCompute && Recommendations.IsOneOf(l.Team, options.BatchTeams));

    private static Recommendation Recommend(
        PeriodSpend spend, string project, string service, IReadOnlyList<CostLine> lines,
        IReadOnlyDictionary<string, decimal> discounts, InsightOptions options)
    {
        var evidence = new List<string>();
        var saving = 0m;
        var skus = lines.GroupBy(l => l.Sku ?? SpendBreakdowns.None).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            var cost = spend.Sum(sku);
            var (discount, source) = discounts.TryGetValue(sku.Key, out var listed)
                ? (listed, "price catalog")
                : (options.FallbackSpotDiscount, "fallback");
            saving += cost.Amount * discount;
            var resources = sku.Select(l => l.Resource).Distinct(StringComparer.Ordinal).Count();
            evidence.Add($"{sku.Key}: {InsightText.Money(cost)} on demand over {InsightText.Days(spend.Period)} on " +
                         $"{resources} resource(s); Spot discount {InsightText.Percent(discount)} ({source})");
        }

        var monthly = new Money.Money(spend.Period.PerMonth(saving), spend.Currency);
        return new Recommendation(
            RecommendationKind.SpotForBatch,
            $"Run {string.Join('/', options.BatchTeams)} work in {project} ({service}) on Spot",
            evidence,
            monthly,
            "per SKU: the metric summed over rows with PricingCategory Standard (on demand), ServiceCategory Compute " +
            $"or AI and Machine Learning, tag '{options.TeamTag}' one of {string.Join(", ", options.BatchTeams)}; " +
            "times the Spot discount (the price catalog's where it lists the SKU, else the fallback " +
            $"{InsightText.Percent(options.FallbackSpotDiscount)}); summed, then times 30 / " +
            $"{InsightText.Number(spend.Period.Days)} days",
            "queue these jobs as Spot training jobs with checkpoints, so a preemption costs minutes, not the run; " +
            "the policy has no Spot key yet, so there is no rule to paste");
    }
}
