using Frugal.Engine.Policies;

namespace Frugal.Engine.Autoscaling;

/// <summary>
/// The Kubernetes API as far as autoscalers go, for one cluster at a time. The engine owns the interface; an
/// adapter implements it (<c>Frugal.Kubernetes</c>), and tests use a small fake or a local stand-in server.
/// </summary>
public interface IHpaApi
{
    /// <summary>
    /// Every autoscaling/v2 HPA in the namespaces given (null: the whole cluster), all pages read. A namespace
    /// that cannot be read (forbidden, say) is one more problem in the listing, not the end of it.
    /// </summary>
    Task<HpaListing> ListAsync(
        KubernetesClusterPolicy cluster, IReadOnlyList<string>? namespaces, CancellationToken ct);

    /// <summary>One HPA read afresh, or null when it no longer exists.</summary>
    Task<HpaObservation?> ReadAsync(KubernetesClusterPolicy cluster, HpaReference hpa, CancellationToken ct);

    /// <summary>
    /// A JSON merge patch made against the change's resourceVersion: only the limits that change and Frugal's
    /// annotations. A stale version comes back as <see cref="HpaPatchStatus.Conflict"/>, not as an exception.
    /// </summary>
    Task<HpaPatchResult> PatchAsync(KubernetesClusterPolicy cluster, HpaLimitChange change, CancellationToken ct);
}

/// <summary>What a listing found, and what it could not read.</summary>
public sealed record HpaListing(IReadOnlyList<HpaObservation> Items, IReadOnlyList<string> Problems);

public enum HpaPatchStatus
{
    Patched,

    /// <summary>The object changed since it was read (HTTP 409): read it again and decide again.</summary>
    Conflict,

    NotFound,
    Forbidden,

    /// <summary>The API server refused the values or the body (HTTP 400 or 422).</summary>
    Invalid,
    Failed,
}

/// <summary>The outcome of one patch, with the server's reason when it was refused.</summary>
public sealed record HpaPatchResult(HpaPatchStatus Status, string Detail);
