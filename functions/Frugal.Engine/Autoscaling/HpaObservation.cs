namespace Frugal.Engine.Autoscaling;

/// <summary>Where an autoscaler lives: the cluster as the policy names it, its namespace and its name.</summary>
public sealed record HpaReference(string Cluster, string Namespace, string Name)
{
    public override string ToString() => $"{Cluster}/{Namespace}/{Name}";
}

/// <summary>An object that owns an autoscaler (a KEDA ScaledObject, for one).</summary>
public sealed record HpaOwner(string ApiVersion, string Kind, string Name);

/// <summary>
/// An autoscaling/v2 HorizontalPodAutoscaler as read from its cluster: what the planner needs to decide, and the
/// resourceVersion a change must be made against.
/// </summary>
public sealed record HpaObservation
{
    public required HpaReference Reference { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<HpaOwner> Owners { get; init; } = [];

    /// <summary>The floor as stored; absent means Kubernetes' default of 1.</summary>
    public int? MinReplicas { get; init; }

    public required int MaxReplicas { get; init; }

    public required string ResourceVersion { get; init; }

    /// <summary>The limits in force, with an absent floor read as Kubernetes' default of 1.</summary>
    public ReplicaLimits Limits => new(MinReplicas ?? 1, MaxReplicas);
}

/// <summary>An autoscaler's floor and ceiling: <c>spec.minReplicas</c> and <c>spec.maxReplicas</c>.</summary>
public readonly record struct ReplicaLimits(int Min, int Max)
{
    public override string ToString() => FormattableString.Invariant($"min {Min}, max {Max}");
}
