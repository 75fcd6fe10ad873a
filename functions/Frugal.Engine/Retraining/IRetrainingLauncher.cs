namespace Frugal.Engine.Retraining;

/// <summary>
/// The training queue as retraining sees it: what a run of a training job template would cost, and queuing one
/// run as a Spot training job for the next off-peak window. The training queue implements it; when a host has
/// none, retraining records "retraining wanted, no training queue configured" instead of queuing.
/// </summary>
public interface IRetrainingLauncher
{
    /// <summary>
    /// The estimated cost of one run of <paramref name="trainingJob"/>, in the currency of the prices it used;
    /// null when it cannot say (an unknown template, no price for its machine). Changes nothing.
    /// </summary>
    Task<Money.Money?> EstimateAsync(string trainingJob, CancellationToken ct);

    /// <summary>
    /// Queues one run. An order whose <see cref="RetrainingOrder.IdempotencyKey"/> was queued before is not queued
    /// again: the answer is <see cref="RetrainingLaunchStatus.AlreadyQueued"/> with the first job's id. An order
    /// the queue cannot take (an unknown template) is answered <see cref="RetrainingLaunchStatus.Refused"/>.
    /// </summary>
    Task<RetrainingLaunch> QueueAsync(RetrainingOrder order, CancellationToken ct);
}

/// <summary>
/// One retraining to queue: the model, the training job template the rule names, why (the reason and the
/// figures behind it), the budget it is charged to with the estimate that was admitted, and the idempotency key.
/// </summary>
public sealed record RetrainingOrder(
    string Model,
    string TrainingJob,
    string Reason,
    IReadOnlyList<string> Evidence,
    string? Budget,
    Money.Money? Estimate,
    string IdempotencyKey,
    DateTimeOffset DecidedAt);

/// <summary>What the queue did with an order, and the id of the training job that runs it.</summary>
public sealed record RetrainingLaunch(RetrainingLaunchStatus Status, string? JobId, string? Detail = null);

public enum RetrainingLaunchStatus
{
    /// <summary>Queued now for the next off-peak window.</summary>
    Queued,

    /// <summary>The idempotency key was queued before; nothing new was queued.</summary>
    AlreadyQueued,

    /// <summary>The queue cannot take the order; <see cref="RetrainingLaunch.Detail"/> says why.</summary>
    Refused,
}
