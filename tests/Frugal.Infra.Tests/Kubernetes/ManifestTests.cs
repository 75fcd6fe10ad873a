using System.Globalization;
using System.Text.Json.Nodes;

namespace Frugal.Infra.Tests.Kubernetes;

public sealed class ManifestTests
{
    private static readonly string[] Deployments = ["frugal-gpu-worker", "frugal-gpu-batch"];

    [Fact]
    public void Kustomization_ListsEveryManifestInTheFolder()
    {
        var onDisk = Directory.GetFiles(Manifests.Folder, "*.yaml")
            .Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, Manifests.ListedFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryNamespacedObject_IsInTheFrugalNamespace()
    {
        var namespaced = Manifests.All.Where(o => o.Kind != "Namespace");

        Assert.All(namespaced, o => Assert.Equal("frugal", o["metadata.namespace"]?.GetValue<string>()));
    }

    [Fact]
    public void Hpa_ScalesServingFrom2To20On50RequestsPerSecondPerPod()
    {
        var hpa = Manifests.Get("HorizontalPodAutoscaler", "frugal-gpu-worker");
        var metric = Assert.Single(hpa["spec.metrics"]!.AsArray())!;

        Assert.Equal("Deployment", hpa["spec.scaleTargetRef.kind"]!.GetValue<string>());
        Assert.Equal("frugal-gpu-worker", hpa["spec.scaleTargetRef.name"]!.GetValue<string>());
        Assert.Equal(2, hpa["spec.minReplicas"]!.GetValue<long>());
        Assert.Equal(20, hpa["spec.maxReplicas"]!.GetValue<long>());
        Assert.Equal("Pods", metric["type"]!.GetValue<string>());
        Assert.Equal("http_requests_per_second", metric["pods"]!["metric"]!["name"]!.GetValue<string>());
        Assert.Equal("AverageValue", metric["pods"]!["target"]!["type"]!.GetValue<string>());
        Assert.Equal("50", metric["pods"]!["target"]!["averageValue"]!.GetValue<string>());
    }

    [Fact]
    public void PrometheusAdapter_PublishesTheHpaMetricFromInferenceRequestsOnly()
    {
        var values = YamlObjects.ReadAll(Path.Combine(Manifests.Folder, "helm", "prometheus-adapter-values.yaml"))
            .Single();
        var rule = Assert.Single(values["rules"]!["custom"]!.AsArray())!;

        Assert.Equal("http_requests_per_second", rule["name"]!["as"]!.GetValue<string>());
        Assert.Contains("frugal_gpu_requests_total", rule["seriesQuery"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("endpoint=\"infer\"", rule["metricsQuery"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("rate(", rule["metricsQuery"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DeploymentNames))]
    public void Deployment_RunsOnOneSpotGpu_AsNonRoot(string name)
    {
        var pod = PodSpec(name);
        var container = Assert.Single(pod["containers"]!.AsArray())!;
        var tolerations = pod["tolerations"]!.AsArray().Select(t => t!["key"]!.GetValue<string>()).ToList();

        Assert.Equal("1", container["resources"]!["limits"]!["nvidia.com/gpu"]!.GetValue<string>());
        Assert.Equal("true", pod["nodeSelector"]!["cloud.google.com/gke-spot"]!.GetValue<string>());
        Assert.Contains("nvidia.com/gpu", tolerations);
        Assert.Contains("cloud.google.com/gke-spot", tolerations);
        Assert.Contains("kubernetes.azure.com/scalesetpriority", tolerations);
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(10001, pod["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.False(container["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.NotNull(container["resources"]!["requests"]!["memory"]);
    }

    [Theory]
    [MemberData(nameof(DeploymentNames))]
    public void Deployment_ProbesTheWorkersHealthEndpointsOnItsPort(string name)
    {
        var container = PodSpec(name)["containers"]![0]!;
        var port = Assert.Single(container["ports"]!.AsArray())!;

        Assert.Equal("/v2/health/live", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/v2/health/ready", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(8080, port["containerPort"]!.GetValue<long>());
        Assert.Equal(
            port["name"]!.GetValue<string>(), container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>());
        Assert.Contains("http://+:8080", container["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void BatchDeployment_GivesSigtermLongerThanTheWorkersStopGrace()
    {
        var pod = PodSpec("frugal-gpu-batch");
        var env = pod["containers"]![0]!["env"]!.AsArray();
        var stopGrace = env.Single(e => e!["name"]!.GetValue<string>() == "GpuWorker__Jobs__StopGraceSeconds")!;
        var connection = env.Single(e => e!["name"]!.GetValue<string>() == "GpuWorker__Jobs__ConnectionString")!;

        Assert.True(pod["terminationGracePeriodSeconds"]!.GetValue<long>() >
            double.Parse(stopGrace["value"]!.GetValue<string>(), CultureInfo.InvariantCulture) + 5);
        Assert.Null(connection["value"]);
        Assert.NotNull(connection["valueFrom"]!["secretKeyRef"]);
    }

    [Fact]
    public void ServiceAndServingBudget_SelectOnlyServingPods()
    {
        var labels = Labels(Manifests.Get("Deployment", "frugal-gpu-worker")["spec.template.metadata.labels"]);
        var service = Labels(Manifests.Get("Service", "frugal-gpu-worker")["spec.selector"]);
        var budget = Labels(Manifests.Get("PodDisruptionBudget", "frugal-gpu-worker")["spec.selector.matchLabels"]);
        var batch = Labels(Manifests.Get("Deployment", "frugal-gpu-batch")["spec.template.metadata.labels"]);

        Assert.Subset(labels.ToHashSet(), service.ToHashSet());
        Assert.Subset(labels.ToHashSet(), budget.ToHashSet());
        Assert.False(batch.ToHashSet().IsSupersetOf(service));
    }

    [Fact]
    public void ScaledObject_ScalesBatchOnTheJobQueues_WithWorkloadIdentity()
    {
        var scaled = Manifests.Get("ScaledObject", "frugal-gpu-batch");
        var triggers = scaled["spec.triggers"]!.AsArray().Select(t => t!).ToList();
        var auth = Manifests.Get("TriggerAuthentication", "frugal-gpu-queue");

        Assert.Equal("frugal-gpu-batch", scaled["spec.scaleTargetRef.name"]!.GetValue<string>());
        Assert.All(triggers, t => Assert.Equal("azure-queue", t["type"]!.GetValue<string>()));
        Assert.Contains("gpu-jobs", triggers.Select(t => t["metadata"]!["queueName"]!.GetValue<string>()));
        Assert.All(triggers, t =>
            Assert.Equal("frugal-gpu-queue", t["authenticationRef"]!["name"]!.GetValue<string>()));
        Assert.Equal("azure-workload", auth["spec.podIdentity.provider"]!.GetValue<string>());
        Assert.Null(Manifests.Get("Deployment", "frugal-gpu-batch")["spec.replicas"]);
    }

    [Fact]
    public void NoDeploymentIsScaledByTwoAutoscalers()
    {
        var hpaTargets = Manifests.All.Where(o => o.Kind == "HorizontalPodAutoscaler")
            .Select(o => o["spec.scaleTargetRef.name"]!.GetValue<string>());
        var kedaTargets = Manifests.All.Where(o => o.Kind == "ScaledObject")
            .Select(o => o["spec.scaleTargetRef.name"]!.GetValue<string>());

        Assert.Empty(hpaTargets.Intersect(kedaTargets));
    }

    public static TheoryData<string> DeploymentNames() => [.. Deployments];

    private static JsonNode PodSpec(string deployment) =>
        Manifests.Get("Deployment", deployment)["spec.template.spec"]!;

    private static IEnumerable<KeyValuePair<string, string>> Labels(JsonNode? map) =>
        map!.AsObject().Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<string>()));
}
