namespace Frugal.Engine.Policies;

/// <summary>The <c>retraining</c> section: when each model is retrained; no rules, no retraining.</summary>
public sealed record RetrainingPolicy
{
    public IReadOnlyList<RetrainingRule> Rules { get; init; } = [];

    public RetrainingRule? For(string model) =>
        Rules.FirstOrDefault(r => string.Equals(r.Model, model, StringComparison.Ordinal));
}

/// <summary>
/// One model's rule: retrain when any condition holds, not more often than <see cref="MinInterval"/>, and only when
/// the estimated cost of <see cref="TrainingJob"/> fits <see cref="Budget"/>.
/// </summary>
public sealed record RetrainingRule
{
    public required string Model { get; init; }

    public required RetrainingConditions When { get; init; }

    /// <summary>The least time between two queued retrainings of the model.</summary>
    public required TimeSpan MinInterval { get; init; }

    /// <summary>The name of the training job template the training queue runs for this model.</summary>
    public required string TrainingJob { get; init; }

    /// <summary>The budget the run is charged to; null when no budget gates it.</summary>
    public string? Budget { get; init; }

    /// <summary>The registry whose newest version of the model gives its age; null looks in every registry.</summary>
    public string? Registry { get; init; }
}

/// <summary>What makes a model due for retraining; any one condition that holds is enough.</summary>
public sealed record RetrainingConditions
{
    /// <summary>Retrain when the latest drift score is above this.</summary>
    public decimal? DriftAbove { get; init; }

    /// <summary>Quality floors: retrain when the latest value of the metric (AUC, accuracy) falls below one.</summary>
    public IReadOnlyDictionary<string, decimal> MetricBelow { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Error ceilings: retrain when the latest value of the metric (RMSE, MAE) rises above one.</summary>
    public IReadOnlyDictionary<string, decimal> MetricAbove { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Retrain when the current version is older than this.</summary>
    public TimeSpan? VersionOlderThan { get; init; }

    /// <summary>Retrain when at least this many new training rows have arrived since the current version.</summary>
    public long? NewDataRowsAtLeast { get; init; }
}
