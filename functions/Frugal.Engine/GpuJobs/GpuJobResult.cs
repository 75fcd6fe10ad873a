namespace Frugal.Engine.GpuJobs;

/// <summary>
/// What the worker reported for one job on its results queue: the outcome, the version run or created, GPU time
/// and what it cost. <see cref="Duplicate"/> marks a result the worker sent again for a job it had already run.
/// </summary>
public sealed record GpuJobResult
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required bool Succeeded { get; init; }

    public required string Model { get; init; }

    /// <summary>The version run (infer) or created (quantize); null when the job failed before choosing one.</summary>
    public string? Version { get; init; }

    public string? Output { get; init; }

    public string? Report { get; init; }

    public decimal GpuSeconds { get; init; }

    public long Predictions { get; init; }

    public required Money.Money Cost { get; init; }

    public string? Provider { get; init; }

    public int Attempts { get; init; }

    public bool Duplicate { get; init; }

    public string? Error { get; init; }

    /// <summary>
    /// Cost of 1,000 predictions, recomputed from <see cref="Cost"/> rather than taken from the worker's rounded
    /// figure, so per-job and per-model figures agree; null when the job made no predictions.
    /// </summary>
    public Money.Money? CostPerThousand =>
        Predictions == 0 ? null : new Money.Money(Cost.Amount * 1000m / Predictions, Cost.Currency);
}
