using Frugal.Engine.Budgets;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Retraining;

public enum RetrainingVerdict
{
    /// <summary>A condition holds, the interval has passed and the estimate fits: queue a run.</summary>
    Retrain,

    /// <summary>No condition holds, or the model was retrained too recently.</summary>
    NotRetrained,

    /// <summary>Due, but the budget cannot take it (or cannot be checked) now; a later run tries again.</summary>
    Deferred,
}

/// <summary>What the decider saw for one model at one instant.</summary>
public sealed record RetrainingInputs(
    RetrainingRule Rule,
    IReadOnlyList<ModelSignal> LatestSignals,
    DateTimeOffset? VersionCreated,
    DateTimeOffset? LastQueued,
    DateTimeOffset Now)
{
    /// <summary>The status of the rule's budget; needed only when the rule names one.</summary>
    public BudgetStatus? Budget { get; init; }

    /// <summary>The estimated cost of a run of the rule's training job; null when none could be had.</summary>
    public Money.Money? Estimate { get; init; }
}

/// <summary>The conditions weighed: which hold, and every figure looked at, in words a person can check.</summary>
public sealed record RetrainingAssessment(
    IReadOnlyList<string> Triggers, IReadOnlyList<string> Evidence, string? TooSoon)
{
    public bool Triggered => Triggers.Count > 0;

    /// <summary>Whether the budget and the estimate are the only things left to settle.</summary>
    public bool Due => Triggered && TooSoon is null;
}

/// <summary>A decision with its reason and the figures behind it.</summary>
public sealed record RetrainingDecision(
    RetrainingVerdict Verdict, string Reason, IReadOnlyList<string> Evidence, string? IdempotencyKey)
{
    public Money.Money? Estimate { get; init; }
}

/// <summary>A decision as recorded: what was decided for which model and what the training queue did with it.</summary>
public sealed record RetrainingRecord(
    string Model,
    DateTimeOffset At,
    RetrainingVerdict Verdict,
    string Reason,
    IReadOnlyList<string> Evidence,
    string TrainingJob)
{
    public string? Budget { get; init; }

    public Money.Money? Estimate { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>The queue's answer; null when nothing was handed to a queue.</summary>
    public RetrainingLaunch? Launch { get; init; }

    public bool Queued => Launch?.Status is RetrainingLaunchStatus.Queued or RetrainingLaunchStatus.AlreadyQueued;

    /// <summary>One word for the outcome, as history shows it.</summary>
    public string Outcome => Launch?.Status switch
    {
        RetrainingLaunchStatus.Queued => "queued",
        RetrainingLaunchStatus.AlreadyQueued => "already-queued",
        RetrainingLaunchStatus.Refused => "refused",
        _ => Verdict switch
        {
            RetrainingVerdict.Retrain => "wanted",
            RetrainingVerdict.Deferred => "deferred",
            _ => "not-retrained",
        },
    };
}
