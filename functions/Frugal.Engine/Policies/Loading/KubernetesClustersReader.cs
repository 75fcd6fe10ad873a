namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads <c>autoscaling.clusters</c>: each a name, and either a kubeconfig file and context or
/// <c>inCluster: true</c>.
/// </summary>
internal static class KubernetesClustersReader
{
    private static readonly string[] Keys = ["name", "kubeconfig", "context", "inCluster"];

    public static IReadOnlyList<KubernetesClusterPolicy> Read(PolicyNode? node, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "clusters", context.Errors);
        UniqueNames.Check(items, "cluster", context.Errors);
        return [.. items.Select(item => ReadOne(item, context)).OfType<KubernetesClusterPolicy>()];
    }

    private static KubernetesClusterPolicy? ReadOne(PolicyNode item, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "clusters", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var name = ReadName(fields);
        var inCluster = fields.Flag("inCluster") ?? false;
        if (inCluster && (fields.Has("kubeconfig") || fields.Has("context")))
        {
            fields.Errors.Add(fields.Mapping,
                $"cluster '{name}' says 'inCluster: true' and names a kubeconfig or context; choose one");
        }

        var kubeconfig = fields.Text("kubeconfig");
        return name is null
            ? null
            : new KubernetesClusterPolicy
            {
                Name = name,
                InCluster = inCluster,
                Kubeconfig = kubeconfig is null ? null : context.ResolvePath(kubeconfig),
                Context = fields.Text("context"),
            };
    }

    private static string? ReadName(MappingFields fields)
    {
        var node = fields.Required("name", "a cluster");
        var name = node is null ? null : PolicyValues.Text(node, "name", fields.Errors);
        if (name is not null && !PolicyNames.IsValid(name))
        {
            fields.Errors.Add(node!, $"cluster name '{name}' {PolicyNames.Rule}");
            return null;
        }

        return name;
    }
}
