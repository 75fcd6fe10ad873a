using Frugal.Engine.Inference;

namespace Frugal.Engine.Insights;

/// <summary>
/// GPU capacity billed for a model whose worker jobs used only a small share of it: the busy share is what the
/// worker reports its jobs cost, over what the model's compute was billed. Known limit: cost exports carry no
/// utilization, so capacity the worker does not report on (a forgotten research VM) is never found idle; a
/// utilization source (Cloud Monitoring, DCGM) behind an engine interface would close that gap.
/// </summary>
internal static class IdleGpuRule
{
    public static IEnumerable<Recommendation> Find(
        PeriodSpend spend, IReadOnlyList<ModelInferenceUsage>? usage, InsightOptions options)
    {
        if (usage is null || usage.Count == 0)
        {
            yield break;
        }

        var used = usage.Where(u => u.Cost.Currency == spend.Currency)
            .GroupBy(u => u.Model, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(u => u.Cost.Amount), StringComparer.OrdinalIgnoreCase);
        var pools = spend.Lines.Where(l => l.IsCompute && l.Model is not null && used.ContainsKey(l.Model))
            .GroupBy(l => l.Model!, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            var billed = spend.Sum(pool);
            var busy = used[pool.Key];
            if (billed.Amount > 0m && busy / billed.Amount < options.IdleBusyShare)
            {
                yield return Recommend(spend, pool.Key, [.. pool], billed, busy, options);
            }
        }
    }

    private static Recommendation Recommend(
        PeriodSpend spend, string model, IReadOnlyList<CostLine> lines, Money.Money billed, decimal busy,
        InsightOptions options)
    {
        var share = busy / billed.Amount;
        var evidence = lines.GroupBy(l => (l.Project, l.Sku))
            .OrderBy(g => g.Key.Project, StringComparer.Ordinal).ThenBy(g => g.Key.Sku, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Sku ?? SpendBreakdowns.None} in {g.Key.Project ?? SpendBreakdowns.None}: " +
                         $"{InsightText.Money(spend.Sum(g))} billed on " +
                         $"{g.Select(l => l.Resource).Distinct(StringComparer.Ordinal).Count()} resource(s)")
            .Append($"the gpu-worker's jobs for {model} cost {InsightText.Money(new(busy, spend.Currency))}: busy " +
                    $"{InsightText.Percent(share)} of what was billed " +
                    $"(below {InsightText.Percent(options.IdleBusyShare)})")
            .ToList();
        return new Recommendation(
            RecommendationKind.IdleGpu,
            $"GPU capacity for {model} is nearly idle",
            evidence,
            new Money.Money(spend.Period.PerMonth(billed.Amount - busy), spend.Currency),
            $"compute rows tagged '{options.ModelTag}: {model}' summed over the period, less the cost the worker " +
            "reported for that model's jobs, times 30 / " + $"{InsightText.Number(spend.Period.Days)} days: an " +
            "upper bound, what a pool that scaled to zero between jobs would save",
            "let the node pool or endpoint scale to zero when no jobs wait, or share it with another model");
    }
}
