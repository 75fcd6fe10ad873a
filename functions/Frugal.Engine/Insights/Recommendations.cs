namespace Frugal.Engine.Insights;

/// <summary>Runs every recommendation rule and orders the results by estimated saving, largest first.</summary>
internal static class Recommendations
{
    public static Recommendation[] All(InsightInput input, PeriodSpend spend)
    {
        var found = new List<Recommendation>();
        found.AddRange(SpotRule.Find(spend, input.SpotDiscounts, input.Options));
        found.AddRange(IdleGpuRule.Find(spend, input.Usage, input.Options));
        found.AddRange(ServingFloorRule.Find(spend, input.Options));
        found.AddRange(HotModelStorageRule.Find(input.Archive));
        found.AddRange(RepeatedComputationRule.Find(spend, input.Usage, input.Options));

        // A rule that finds nothing to point at says nothing: a recommendation without evidence is never shown.
        return
        [
            .. found.Where(r => r.Evidence.Count > 0 && r.MonthlySaving.Amount > 0m)
                .OrderByDescending(r => r.MonthlySaving.Amount)
                .ThenBy(r => r.Kind)
                .ThenBy(r => r.Title, StringComparer.Ordinal),
        ];
    }

    public static bool IsOneOf(string? value, IReadOnlyList<string> values) =>
        value is not null && values.Contains(value, StringComparer.OrdinalIgnoreCase);
}
