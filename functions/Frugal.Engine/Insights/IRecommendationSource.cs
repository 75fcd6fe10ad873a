using Frugal.Engine.Policies;

namespace Frugal.Engine.Insights;

/// <summary>The current recommendations for a policy's cost data, for the daily digest.</summary>
public interface IRecommendationSource
{
    /// <summary>Every recommendation, largest saving first.</summary>
    Task<IReadOnlyList<Recommendation>> RecommendAsync(FrugalPolicy policy, CancellationToken ct);
}
