using Frugal.Engine.Inference;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Insights;

/// <summary>
/// Everything a report is computed from. <see cref="Lines"/> cover the period and the one before it (see
/// <see cref="CostLineQuery"/>); <see cref="Usage"/> is null when the gpu-worker has reported nothing;
/// <see cref="Archive"/> is null when the policy names no model registry.
/// </summary>
public sealed record InsightInput(InsightPeriod Period, IReadOnlyList<CostLine> Lines)
{
    public CostMetric Metric { get; init; } = CostMetric.BilledCost;

    public IReadOnlyList<ModelInferenceUsage>? Usage { get; init; }

    public ArchivePlan? Archive { get; init; }

    /// <summary>Spot discounts by SKU from a price catalog (0.65 is 65 % off); other SKUs get the fallback.</summary>
    public IReadOnlyDictionary<string, decimal> SpotDiscounts { get; init; } =
        new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    public InsightOptions Options { get; init; } = InsightOptions.Default;

    /// <summary>What the caller could not check, said in the report (a registry that could not be listed).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
