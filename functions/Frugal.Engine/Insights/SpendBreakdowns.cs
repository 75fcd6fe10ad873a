namespace Frugal.Engine.Insights;

/// <summary>Spend by service, project, resource and team; the biggest movers; untagged spend.</summary>
internal static class SpendBreakdowns
{
    public const string None = "(none)";

    public static SpendBreakdown[] All(PeriodSpend spend, InsightOptions options) =>
    [
        By(spend, "service", l => l.Service, options.Top, "ServiceName"),
        By(spend, "project", l => l.Project, options.Top, "SubAccountId"),
        By(spend, "resource", l => l.Resource, options.Top, "ResourceId"),
        By(spend, "tag:" + options.TeamTag, l => l.Team, options.Top, $"the '{options.TeamTag}' tag"),
    ];

    public static SpendMover[] Movers(PeriodSpend spend, IReadOnlyList<CostLine> before, int top)
    {
        var now = Totals(spend.Lines, MoverKey);
        var then = Totals(before, MoverKey);
        var zero = new Money.Money(0m, spend.Currency);
        return
        [
            .. now.Keys.Union(then.Keys, StringComparer.Ordinal)
                .Select(key => new SpendMover(
                    key,
                    then.TryGetValue(key, out var was) ? new(was, spend.Currency) : zero,
                    now.TryGetValue(key, out var @is) ? new(@is, spend.Currency) : zero))
                .OrderByDescending(m => Math.Abs(m.Change.Amount))
                .ThenBy(m => m.Key, StringComparer.Ordinal)
                .Take(top),
        ];
    }

    public static UntaggedSpend Untagged(PeriodSpend spend, InsightOptions options)
    {
        var untagged = spend.Lines.Where(l => l.Team is null).ToList();
        var charges = untagged.Where(l => l.Cost.Amount >= 0m).ToList();
        var cost = spend.Sum(charges);
        var top = Ranked(spend, Totals(charges, MoverKey), options.Top);
        var credits = spend.Sum(untagged.Where(l => l.Cost.Amount < 0m));
        return new UntaggedSpend(options.TeamTag, cost, spend.Share(cost.Amount), top, credits);
    }

    /// <summary>Movers and untagged spend go per service and project: "Compute Engine in ml-training-prod".</summary>
    public static string MoverKey(CostLine line) => $"{line.Service ?? None} in {line.Project ?? None}";

    private static SpendBreakdown By(
        PeriodSpend spend, string by, Func<CostLine, string?> key, int top, string column)
    {
        var totals = Totals(spend.Lines, l => key(l) ?? None);
        var how = $"{InsightText.Days(spend.Period)} of the metric summed per {column} over every row of the period " +
                  $"in {spend.Currency.Code}; '{None}' is rows without one";
        return new SpendBreakdown(by, Ranked(spend, totals, top), totals.Count, how);
    }

    private static SpendShare[] Ranked(PeriodSpend spend, Dictionary<string, decimal> totals, int top) =>
    [
        .. totals.OrderByDescending(t => t.Value)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(t => new SpendShare(t.Key, new(t.Value, spend.Currency), spend.Share(t.Value))),
    ];

    private static Dictionary<string, decimal> Totals(IEnumerable<CostLine> lines, Func<CostLine, string> key)
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var k = key(line);
            totals[k] = totals.GetValueOrDefault(k) + line.Cost.Amount;
        }

        return totals;
    }
}
