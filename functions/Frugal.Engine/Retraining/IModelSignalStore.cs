namespace Frugal.Engine.Retraining;

/// <summary>
/// Model signals and retraining decisions, kept with the rest of Frugal's state. A signal is recorded once per
/// delivery id; a decision is recorded together with its audit line, so <c>frugal history</c> shows it too.
/// </summary>
public interface IModelSignalStore
{
    /// <summary>Records a signal; false, recording nothing, when its delivery id was recorded before.</summary>
    Task<bool> AppendSignalAsync(ModelSignal signal, DateTimeOffset receivedAt, CancellationToken ct);

    /// <summary>The latest signal of each kind for the model (latest observed; ties: latest received).</summary>
    Task<IReadOnlyList<ModelSignal>> LatestSignalsAsync(string model, CancellationToken ct);

    /// <summary>Records a decision and its audit line, atomically.</summary>
    Task RecordDecisionAsync(RetrainingRecord record, CancellationToken ct);

    /// <summary>When a retraining of the model was last queued (or found queued already); null when never.</summary>
    Task<DateTimeOffset?> LastQueuedAsync(string model, CancellationToken ct);

    /// <summary>Decisions, newest first, for one model or all.</summary>
    Task<IReadOnlyList<RetrainingRecord>> ReadDecisionsAsync(string? model, int limit, CancellationToken ct);
}
