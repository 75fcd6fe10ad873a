using Frugal.Engine.Autoscaling;

namespace Frugal.Engine.Policies;

/// <summary>
/// The <c>autoscaling</c> section: the clusters Frugal may reach, and rules that lower autoscaler floors on a
/// schedule and cap their ceilings while a budget is in trouble.
/// </summary>
public sealed record AutoscalingPolicy
{
    public static AutoscalingPolicy None { get; } = new();

    public IReadOnlyList<KubernetesClusterPolicy> Clusters { get; init; } = [];

    /// <summary>Rules in the order written; each autoscaler follows the first rule that selects it.</summary>
    public IReadOnlyList<AutoscalingRule> Rules { get; init; } = [];

    /// <summary>Whether autoscalers owned by KEDA ScaledObjects may be changed (KEDA rewrites them).</summary>
    public bool IncludeKeda { get; init; }

    /// <summary>At most this many autoscalers are patched in one run; the rest wait for the next run.</summary>
    public int MaxChangesPerRun { get; init; } = 10;
}

/// <summary>How Frugal reaches one cluster: a kubeconfig file and context, or in-cluster credentials.</summary>
public sealed record KubernetesClusterPolicy
{
    /// <summary>The name used in rules and targets (<c>cluster/namespace/name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The kubeconfig file (absolute); null means the default (<c>KUBECONFIG</c> or ~/.kube/config).</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context; null means the file's current context.</summary>
    public string? Context { get; init; }

    /// <summary>Use the service account Frugal runs as inside the cluster.</summary>
    public bool InCluster { get; init; }
}

/// <summary>What Frugal does to the autoscalers one rule selects.</summary>
public sealed record AutoscalingRule
{
    public required string Name { get; init; }

    public HpaSelector Select { get; init; } = HpaSelector.All;

    /// <summary>Time windows that set the floor; the first window open at a moment applies.</summary>
    public IReadOnlyList<ReplicaSchedule> Schedules { get; init; } = [];

    /// <summary>Ceilings that hold while a budget's spend or forecast is at or above a level.</summary>
    public IReadOnlyList<BudgetReplicaCap> BudgetCaps { get; init; } = [];

    /// <summary>Frugal never sets a floor or ceiling below this (and never below 1).</summary>
    public int Floor { get; init; } = 1;

    /// <summary>Whether a schedule may raise the floor above the original (warming up for a peak).</summary>
    public bool AllowAboveOriginal { get; init; }
}

/// <summary>
/// A time window, in local wall-clock time of an IANA zone, that sets <c>minReplicas</c>. A window whose end is
/// not after its start runs past midnight into the next day; <see cref="Days"/> are the days it starts on.
/// </summary>
public sealed record ReplicaSchedule
{
    public required string TimeZone { get; init; }

    /// <summary>Days the window starts on; empty means every day.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public required TimeOnly From { get; init; }

    /// <summary>The end, exclusive; <see cref="EndsAtMidnight"/> stands for 24:00.</summary>
    public required TimeOnly To { get; init; }

    public bool EndsAtMidnight { get; init; }

    public required int MinReplicas { get; init; }
}

/// <summary>A ceiling that holds while a budget's spend (or forecast) reaches a fraction of its amount.</summary>
public sealed record BudgetReplicaCap
{
    public required string Budget { get; init; }

    /// <summary>A fraction of the budget's amount, as a threshold's <c>at</c>.</summary>
    public required decimal At { get; init; }

    public SpendBasis On { get; init; } = SpendBasis.Actual;

    public int? MaxReplicas { get; init; }

    /// <summary>A fraction of the original ceiling, rounded down.</summary>
    public decimal? MaxReplicasFraction { get; init; }
}
