using System.Globalization;
using Frugal.Engine.ModelArchive;

namespace Frugal.Engine.Insights;

/// <summary>Model versions still in the hot class that the policy's archival rules would move or delete.</summary>
internal static class HotModelStorageRule
{
    public static IEnumerable<Recommendation> Find(ArchivePlan? plan)
    {
        if (plan is null)
        {
            yield break;
        }

        var byCurrency = plan.Decisions
            .Where(d => d.From == StorageTier.Hot && d.Operation is ArchiveOperation.Move or ArchiveOperation.Delete)
            .GroupBy(d => d.MonthlySaving.Currency)
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal);
        foreach (var decisions in byCurrency)
        {
            var ordered = decisions.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal).ToList();
            var saving = ordered.Aggregate(Money.Money.Zero(decisions.Key), (sum, d) => sum + d.MonthlySaving);
            yield return new Recommendation(
                RecommendationKind.HotModelStorage,
                $"Archive {ordered.Count} model version(s) kept in hot storage",
                [.. ordered.Select(Line)],
                saving,
                "the model archive planner's estimate per version: its size in GiB x (the hot price - the target " +
                "class's price) per GiB-month, from modelArchive.prices; summed",
                "the policy's modelArchive rules already choose these versions: with safety.dryRun off, " +
                "'frugal models apply --policy FILE' (or the ArchiveStaleModels timer) moves them");
        }
    }

    private static string Line(ArchiveDecision decision) => string.Create(
        CultureInfo.InvariantCulture,
        $"{decision.Key}: {InsightText.Size(decision.SizeBytes)} {decision.From} -> {decision.To}, " +
        $"saves {InsightText.Money(decision.MonthlySaving)} a month ({decision.Reason})");
}
