using System.Text.Json.Nodes;
using Frugal.Engine.Autoscaling;
using k8s.Models;

namespace Frugal.Kubernetes;

/// <summary>Between the client's autoscaling/v2 objects and the engine's observations and changes.</summary>
internal static class HpaMapping
{
    public static HpaObservation Observe(string cluster, V2HorizontalPodAutoscaler hpa)
    {
        var metadata = hpa.Metadata;
        return new HpaObservation
        {
            Reference = new HpaReference(cluster, metadata.NamespaceProperty, metadata.Name),
            Labels = Copy(metadata.Labels),
            Annotations = Copy(metadata.Annotations),
            Owners = [.. (metadata.OwnerReferences ?? []).Select(o => new HpaOwner(o.ApiVersion, o.Kind, o.Name))],
            MinReplicas = hpa.Spec.MinReplicas,
            MaxReplicas = hpa.Spec.MaxReplicas,
            ResourceVersion = metadata.ResourceVersion,
        };
    }

    /// <summary>
    /// The JSON merge patch of a change: the resourceVersion it was made against (the server refuses it with 409
    /// when the object moved on), the limits that change, and Frugal's annotations (null removes one).
    /// </summary>
    public static JsonObject MergePatch(HpaLimitChange change)
    {
        var annotations = new JsonObject();
        foreach (var (key, value) in change.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            annotations[key] = value is null ? null : JsonValue.Create(value);
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = change.ResourceVersion,
                ["annotations"] = annotations,
            },
        };
        var spec = new JsonObject();
        if (change.Before.Min != change.After.Min)
        {
            spec["minReplicas"] = change.After.Min;
        }

        if (change.Before.Max != change.After.Max)
        {
            spec["maxReplicas"] = change.After.Max;
        }

        if (spec.Count > 0)
        {
            patch["spec"] = spec;
        }

        return patch;
    }

    private static Dictionary<string, string> Copy(IDictionary<string, string>? values) =>
        values is null ? [] : new Dictionary<string, string>(values, StringComparer.Ordinal);
}
