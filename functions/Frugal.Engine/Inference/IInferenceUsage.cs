namespace Frugal.Engine.Inference;

/// <summary>
/// What the gpu-worker pool reported doing, per model and version: predictions served, GPU-seconds, what they cost
/// and how often the result cache answered. Recorded by the control plane from the worker's results; read by the
/// cost report and the recommendations.
/// </summary>
public interface IInferenceUsage
{
    /// <summary>Usage of jobs finished between two instants, both included, one row per model and version.</summary>
    Task<IReadOnlyList<ModelInferenceUsage>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>One model version's inference over a span: volume, GPU time, cost, and result-cache hits and misses.</summary>
public sealed record ModelInferenceUsage(
    string Model,
    string Version,
    long Predictions,
    decimal GpuSeconds,
    Money.Money Cost,
    long CacheHits,
    long CacheMisses)
{
    /// <summary>Cost of 1,000 predictions, or null when none were made.</summary>
    public Money.Money? CostPerThousand =>
        Predictions == 0 ? null : new Money.Money(Cost.Amount * 1000m / Predictions, Cost.Currency);
}
