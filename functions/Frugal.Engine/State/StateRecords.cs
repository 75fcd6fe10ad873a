using Frugal.Engine.Planning;

namespace Frugal.Engine.State;

/// <summary>A threshold reached in a period, recorded when it fires.</summary>
public sealed record CrossingRecord(
    string Key,
    string Budget,
    string Period,
    string ThresholdId,
    decimal Spend,
    decimal Level,
    string Currency,
    DateTimeOffset At);

/// <summary>An action as stored: the plan step and how far it has got.</summary>
public sealed record ActionRecord(PlannedAction Action, ActionStatus Status, int Attempts, DateTimeOffset CreatedAt);

public enum ActionStatus
{
    Pending,
    Running,
    Succeeded,
    Skipped,
    Failed,

    /// <summary>Failed as many times as allowed; kept for people to see, never tried again.</summary>
    DeadLettered,
}

/// <summary>
/// What an attempt at an action came to, with a detail a person can read. A pending result with
/// <see cref="RetryAt"/> is tried again from then on.
/// </summary>
public sealed record ActionResult(ActionStatus Status, string Detail, DateTimeOffset? RetryAt = null)
{
    /// <summary>What the action saves, where its handler can estimate it; the daily digest adds these up.</summary>
    public Money.Money? Saved { get; init; }

    public static ActionResult Succeeded(string detail) => new(ActionStatus.Succeeded, detail);

    public static ActionResult Skipped(string detail) => new(ActionStatus.Skipped, detail);

    public static ActionResult Failed(string detail) => new(ActionStatus.Failed, detail);
}

/// <summary>One line of the audit log.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    AuditKind Kind,
    string Summary,
    string? Budget = null,
    string? Key = null,
    string? Outcome = null,
    long Id = 0);

public enum AuditKind
{
    Plan,
    Refusal,
    Crossing,
    Action,

    /// <summary>A notification attempt: delivered, to be retried, or dead-lettered.</summary>
    Notification,

    /// <summary>A daily digest recorded for its channels.</summary>
    Digest,

    /// <summary>A training job reached an end people are told about.</summary>
    Training,

    /// <summary>A retraining decision for a model: queued, not retrained or deferred, with its reason.</summary>
    Retraining,
}

/// <summary>An action that reached an end (done, skipped, dead-lettered), for the daily digest.</summary>
public sealed record SettledAction(
    PlannedAction Action, ActionStatus Status, string? Detail, DateTimeOffset At, Money.Money? Saved);

/// <summary>A filter on the audit log.</summary>
public sealed record AuditQuery(int Limit = 50, string? Budget = null, AuditKind? Kind = null);
