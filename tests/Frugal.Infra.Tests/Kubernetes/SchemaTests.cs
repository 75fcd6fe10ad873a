using System.Text.Json.Nodes;

namespace Frugal.Infra.Tests.Kubernetes;

public sealed class SchemaTests
{
    private const string HpaDefinition = "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler";

    private static readonly Lazy<OpenApiSchema> Hpa = new(() =>
        OpenApiSchema.Load(RepositoryPaths.TestData("k8s-hpa", "autoscaling_v2_hpa_openapi_subset.json")));

    private static readonly Lazy<OpenApiSchema> Workloads = new(() =>
        OpenApiSchema.Load(Path.Combine(AppContext.BaseDirectory, "Kubernetes", "workload-structure.json")));

    private static readonly Dictionary<string, string> StructuralKinds = new()
    {
        ["v1/Namespace"] = "Namespace",
        ["v1/ServiceAccount"] = "ServiceAccount",
        ["v1/PersistentVolumeClaim"] = "PersistentVolumeClaim",
        ["v1/Service"] = "Service",
        ["apps/v1/Deployment"] = "Deployment",
        ["policy/v1/PodDisruptionBudget"] = "PodDisruptionBudget",
        ["keda.sh/v1alpha1/ScaledObject"] = "ScaledObject",
        ["keda.sh/v1alpha1/TriggerAuthentication"] = "TriggerAuthentication",
    };

    [Fact]
    public void HorizontalPodAutoscaler_MatchesTheUpstreamAutoscalingV2Schema()
    {
        var hpas = Manifests.All.Where(o => o.Kind == "HorizontalPodAutoscaler").ToList();

        Assert.NotEmpty(hpas);
        Assert.All(hpas, hpa => Assert.Equal("autoscaling/v2", hpa.ApiVersion));
        Assert.All(hpas, hpa => Assert.Empty(Hpa.Value.Check(hpa.Body, HpaDefinition)));
    }

    [Fact]
    public void Check_HpaWithAMisspelledFieldAndAQuotedCount_ReportsBoth()
    {
        var hpa = Manifests.Get("HorizontalPodAutoscaler", "frugal-gpu-worker").Body.DeepClone().AsObject();
        var spec = hpa["spec"]!.AsObject();
        spec["maxReplica"] = spec["maxReplicas"]!.DeepClone();
        spec["minReplicas"] = JsonValue.Create("2");

        var problems = Hpa.Value.Check(hpa, HpaDefinition);

        Assert.Contains("$.spec: unknown field 'maxReplica'", problems);
        Assert.Contains("$.spec.minReplicas: expected integer (int32), found String", problems);
    }

    [Fact]
    public void Check_HpaMissingItsTarget_ReportsTheRequiredField()
    {
        var hpa = Manifests.Get("HorizontalPodAutoscaler", "frugal-gpu-worker").Body.DeepClone().AsObject();
        hpa["spec"]!.AsObject().Remove("scaleTargetRef");

        var problems = Hpa.Value.Check(hpa, HpaDefinition);

        Assert.Equal(["$.spec: required field 'scaleTargetRef' is missing"], problems);
    }

    [Fact]
    public void EveryOtherObject_MatchesTheFocusedStructureOfItsKind()
    {
        var others = Manifests.All.Where(o => o.Kind != "HorizontalPodAutoscaler").ToList();

        Assert.All(others, o =>
        {
            var key = $"{o.ApiVersion}/{o.Kind}";
            Assert.True(StructuralKinds.TryGetValue(key, out var definition), $"{o}: no structure for {key}");
            Assert.Empty(Workloads.Value.Check(o.Body, definition).Select(p => $"{o}: {p}"));
        });
    }

    [Fact]
    public void Check_ScaledObjectWithANumericTriggerSetting_IsRejected()
    {
        var scaled = Manifests.Get("ScaledObject", "frugal-gpu-batch").Body.DeepClone().AsObject();
        scaled["spec"]!["triggers"]![0]!["metadata"]!["queueLength"] = JsonValue.Create(5);

        var problems = Workloads.Value.Check(scaled, "ScaledObject");

        Assert.Equal(["$.spec.triggers[0].metadata.queueLength: expected string, found Number"], problems);
    }
}
