using Frugal.Engine.Inference;

namespace Frugal.Engine.Insights;

/// <summary>Cost per 1,000 predictions per model version, as the gpu-worker pool reported it.</summary>
internal static class InferenceReport
{
    public const string NothingReported =
        "the gpu-worker has reported nothing for this period: no cost per 1,000 predictions, and the idle-GPU and " +
        "repeated-computation checks were not made";

    public static InferenceCosts Costs(IReadOnlyList<ModelInferenceUsage>? usage)
    {
        if (usage is null || usage.Count == 0)
        {
            return new InferenceCosts(false, [], NothingReported);
        }

        var models = usage
            .OrderBy(u => u.Model, StringComparer.Ordinal)
            .ThenBy(u => u.Version, StringComparer.Ordinal)
            .Select(u => new ModelUnitCost(u.Model, u.Version, u.Predictions, u.Cost, u.CostPerThousand))
            .ToList();
        return new InferenceCosts(true, models,
            "cost of the jobs the worker finished in the period (its GPU-seconds at the pool's rate) x 1,000 / " +
            "predictions, per model version");
    }
}
