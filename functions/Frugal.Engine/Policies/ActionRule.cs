namespace Frugal.Engine.Policies;

/// <summary>The rungs Frugal can climb, mildest first.</summary>
public enum ActionKind
{
    /// <summary>Tell people. Never destructive.</summary>
    Notify,

    /// <summary>Lower the ceiling of matching autoscalers.</summary>
    CapAutoscaling,

    /// <summary>Stop launching training jobs charged to the budget.</summary>
    HoldTraining,

    /// <summary>Detach billing from a project: the last resort, off unless explicitly enabled and confirmed.</summary>
    DetachBilling,
}

/// <summary>An action a threshold triggers. Only the fields of its <see cref="Kind"/> are set.</summary>
public sealed record ActionRule
{
    public required ActionKind Kind { get; init; }

    /// <summary>Notify: channel names; empty means every channel.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>CapAutoscaling: which autoscalers, as <c>cluster/namespace/name</c> or a label selector.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>CapAutoscaling: the new ceiling as a fraction of the original (0, 1].</summary>
    public decimal? MaxReplicasFraction { get; init; }

    /// <summary>CapAutoscaling: the new ceiling as an absolute replica count.</summary>
    public int? MaxReplicas { get; init; }

    /// <summary>DetachBilling: the project whose billing is detached.</summary>
    public string? Project { get; init; }

    /// <summary>DetachBilling: must repeat <see cref="Project"/> exactly, or the action is refused.</summary>
    public string? Confirm { get; init; }

    /// <summary>DetachBilling: must be true as well; the policy's dry-run still applies.</summary>
    public bool Enabled { get; init; }

    /// <summary>Notify is the only kind that changes nothing outside Frugal.</summary>
    public bool IsDestructive => Kind != ActionKind.Notify;
}
