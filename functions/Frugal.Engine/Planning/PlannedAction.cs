using Frugal.Engine.Policies;

namespace Frugal.Engine.Planning;

/// <summary>
/// One step of a plan. <see cref="IdempotencyKey"/> is the same for the same budget, period, threshold, action and
/// target, however often plans are made, so a step is carried out at most once.
/// </summary>
public sealed record PlannedAction
{
    public required string IdempotencyKey { get; init; }

    /// <summary>The crossing that caused this action; it fires once per budget, period and threshold.</summary>
    public required string CrossingKey { get; init; }

    public required ActionKind Kind { get; init; }

    public required string Budget { get; init; }

    public required string Period { get; init; }

    public required string ThresholdId { get; init; }

    /// <summary>What the action is aimed at: a channel, autoscalers, a project, or the budget itself.</summary>
    public required string Target { get; init; }

    /// <summary>One line a person reads: why this action, in money.</summary>
    public required string Reason { get; init; }

    /// <summary>True when the action is only shown: destructive and the policy is in dry-run.</summary>
    public required bool DryRun { get; init; }

    public required ActionRule Rule { get; init; }
}
