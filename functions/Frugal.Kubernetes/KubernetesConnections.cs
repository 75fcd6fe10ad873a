using System.Collections.Concurrent;
using Frugal.Engine;
using Frugal.Engine.Policies;
using k8s;
using k8s.Exceptions;

namespace Frugal.Kubernetes;

/// <summary>
/// One client per cluster of the policy, made on first use from its kubeconfig file and context or from the
/// in-cluster service account, and kept for the life of the process. A static token rotated in a kubeconfig file is
/// therefore not seen until the process restarts (exec plugins and the in-cluster token refresh themselves);
/// keying the cache on the file's write time would fix that.
/// </summary>
internal sealed class KubernetesConnections(KubernetesOptions options, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<KubernetesClusterPolicy, Lazy<IKubernetes>> _clients = new();

    public IKubernetes For(KubernetesClusterPolicy cluster) =>
        _clients.GetOrAdd(cluster, c => new Lazy<IKubernetes>(() => Connect(c))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private IKubernetes Connect(KubernetesClusterPolicy cluster)
    {
        var config = Configuration(cluster);
        config.HttpClientTimeout = options.RequestTimeout;
        return new k8s.Kubernetes(config, new RetryAfterHandler(options, time));
    }

    private static KubernetesClientConfiguration Configuration(KubernetesClusterPolicy cluster)
    {
        try
        {
            return cluster.InCluster
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Kubeconfig, cluster.Context);
        }
        catch (KubeConfigException ex)
        {
            throw new FrugalInputException($"cluster '{cluster.Name}': {Where(cluster)}: {ex.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new FrugalInputException($"cluster '{cluster.Name}': no kubeconfig at {Where(cluster)}");
        }
    }

    private static string Where(KubernetesClusterPolicy cluster) =>
        cluster.InCluster ? "in-cluster credentials" : cluster.Kubeconfig ?? "the default kubeconfig";
}
