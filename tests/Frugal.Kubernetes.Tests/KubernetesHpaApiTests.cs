using System.Net;
using System.Text;
using Frugal.Engine.Autoscaling;
using Frugal.Engine.Policies;
using Frugal.Kubernetes.Tests.StandIn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Frugal.Kubernetes.Tests;

public sealed class KubernetesHpaApiTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-k8s-").FullName;
    private FakeApiServer _server = null!;
    private KubernetesHpaApi _api = null!;
    private KubernetesClusterPolicy _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeApiServer.StartAsync();
        _cluster = new KubernetesClusterPolicy
        {
            Name = "stand-in", Kubeconfig = _server.WriteKubeconfig(_folder), Context = "stand-in",
        };
        _api = new KubernetesHpaApi(new KubernetesOptions { PageSize = 2 }, TimeProvider.System,
            NullLogger<KubernetesHpaApi>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ListAsync_MoreThanAPage_FollowsContinueTokens()
    {
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            _server.Store.Add("serving", name, 2, 10, new Dictionary<string, string> { ["app"] = name });
        }

        var listing = await _api.ListAsync(_cluster, null, TestContext.Current.CancellationToken);

        Assert.Empty(listing.Problems);
        Assert.Equal(["a", "b", "c", "d", "e"], listing.Items.Select(h => h.Reference.Name));
        Assert.Equal(3, _server.Requests.Count(r => r.StartsWith("GET /apis/autoscaling/v2/horizontalpodautoscalers",
            StringComparison.Ordinal)));
        Assert.Contains(_server.Requests, r => r.Contains("continue=", StringComparison.Ordinal));
        var first = listing.Items[0];
        Assert.Equal(new HpaReference("stand-in", "serving", "a"), first.Reference);
        Assert.Equal(new ReplicaLimits(2, 10), first.Limits);
        Assert.Equal("a", first.Labels["app"]);
    }

    [Fact]
    public async Task ListAsync_ForbiddenNamespace_ReportedOthersListed()
    {
        _server.Store.Add("serving", "llm", 2, 10);
        _server.Store.Add("secret", "vault", 1, 3);
        _server.Store.Forbid("secret");

        var listing = await _api.ListAsync(_cluster, ["secret", "serving"], TestContext.Current.CancellationToken);

        Assert.Equal("llm", Assert.Single(listing.Items).Reference.Name);
        var problem = Assert.Single(listing.Problems);
        Assert.StartsWith("cannot list autoscalers in namespace secret: HTTP 403: ", problem, StringComparison.Ordinal);
        Assert.Contains("cannot list resource", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Missing_Null()
    {
        var hpa = await _api.ReadAsync(_cluster, new HpaReference("stand-in", "serving", "gone"),
            TestContext.Current.CancellationToken);

        Assert.Null(hpa);
    }

    [Fact]
    public async Task PatchAsync_StaleResourceVersion_ConflictThenFreshPatchLands()
    {
        _server.Store.Add("serving", "llm", 2, 10);
        var ct = TestContext.Current.CancellationToken;
        var read = (await _api.ReadAsync(_cluster, Ref("llm"), ct))!;
        _server.Store.EditByHand("serving", "llm", max: 12);

        var stale = await _api.PatchAsync(_cluster, Cap(read, 4), ct);
        var fresh = await _api.PatchAsync(_cluster, Cap((await _api.ReadAsync(_cluster, Ref("llm"), ct))!, 4), ct);

        Assert.Equal(HpaPatchStatus.Conflict, stale.Status);
        Assert.Contains("the object has been modified", stale.Detail, StringComparison.Ordinal);
        Assert.Equal(HpaPatchStatus.Patched, fresh.Status);
        var (min, max, annotations) = _server.Store.Limits("serving", "llm");
        Assert.Equal((2, 4), (min, max));
        Assert.Equal("12", annotations[HpaAnnotations.OriginalMax]);
    }

    [Fact]
    public async Task PatchAsync_NullAnnotation_RemovesIt()
    {
        _server.Store.Add("serving", "llm", 2, 4, annotations: new Dictionary<string, string>
        {
            [HpaAnnotations.OriginalMin] = "2", [HpaAnnotations.OriginalMax] = "10", ["team"] = "ml",
        });
        var ct = TestContext.Current.CancellationToken;
        var read = (await _api.ReadAsync(_cluster, Ref("llm"), ct))!;
        var restore = Cap(read, 10) with
        {
            Kind = HpaChangeKind.Restore,
            Annotations = new Dictionary<string, string?>
            {
                [HpaAnnotations.OriginalMin] = null, [HpaAnnotations.OriginalMax] = null,
            },
        };

        var result = await _api.PatchAsync(_cluster, restore, ct);

        Assert.Equal(HpaPatchStatus.Patched, result.Status);
        var annotations = _server.Store.Limits("serving", "llm").Annotations;
        Assert.Equal(new Dictionary<string, string> { ["team"] = "ml" }, annotations);
    }

    [Fact]
    public async Task PatchAsync_MinAboveMax_RefusedAsInvalid()
    {
        _server.Store.Add("serving", "llm", 2, 10);
        var ct = TestContext.Current.CancellationToken;
        var read = (await _api.ReadAsync(_cluster, Ref("llm"), ct))!;

        var result = await _api.PatchAsync(_cluster, Cap(read, 1) with { After = new ReplicaLimits(5, 1) }, ct);

        Assert.Equal(HpaPatchStatus.Invalid, result.Status);
        Assert.Contains("HTTP 422", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchAsync_MissingHpa_NotFound()
    {
        var change = Cap(new HpaObservation { Reference = Ref("gone"), MaxReplicas = 5, ResourceVersion = "1" }, 2);

        var result = await _api.PatchAsync(_cluster, change, TestContext.Current.CancellationToken);

        Assert.Equal(HpaPatchStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task ListAsync_TooManyRequests_RetriedAfterTheServersDelay()
    {
        _server.Store.Add("serving", "llm", 2, 10);
        _server.Store.Throttle(count: 2, retryAfterSeconds: 0);

        var listing = await _api.ListAsync(_cluster, ["serving"], TestContext.Current.CancellationToken);

        Assert.Single(listing.Items);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public async Task ListAsync_RetryAfterLongerThanAllowed_GivesUpAndSaysSo()
    {
        _server.Store.Throttle(count: 1, retryAfterSeconds: 3600);

        var listing = await _api.ListAsync(_cluster, ["serving"], TestContext.Current.CancellationToken);

        Assert.Contains("HTTP 429", Assert.Single(listing.Problems), StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ListAsync_ServerStopsAnswering_TimeoutReportedAsAProblem()
    {
        _server.Store.Stall = TimeSpan.FromSeconds(30);
        using var api = new KubernetesHpaApi(new KubernetesOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) },
            TimeProvider.System, NullLogger<KubernetesHpaApi>.Instance);

        var listing = await api.ListAsync(_cluster, ["serving"], TestContext.Current.CancellationToken);

        Assert.Equal("no answer within 0.3 s", Assert.Single(listing.Problems));
    }

    [Theory]
    [InlineData("patch_maxReplicas_merge_patch_DERIVED.json", "application/merge-patch+json", HttpStatusCode.OK)]
    [InlineData("patch_maxReplicas_json_patch_DERIVED.json", "application/json-patch+json",
        HttpStatusCode.UnsupportedMediaType)]
    public async Task StandIn_SamplePatchBodies_AnsweredAsDocumented(string file, string type, HttpStatusCode status)
    {
        _server.Store.Add("serving", "llm", 2, 10);

        var response = await SendPatch(await File.ReadAllTextAsync(TestData.Path("k8s-hpa", file),
            TestContext.Current.CancellationToken), type);

        Assert.Equal(status, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"spec": {"maxReplicaz": 20}}""", "unknown field \"spec.maxReplicaz\"")]
    [InlineData("""{"spec": {"maxReplicas": "20"}}""", "spec.maxReplicas: expected integer, got string")]
    [InlineData("""{"metadata": {"annotations": {"a": 1}}}""", "metadata.annotations.a: expected string, got number")]
    [InlineData("""{"spec": {"maxReplicas": 2.5}}""", "spec.maxReplicas: expected integer, got number")]
    public async Task StandIn_UnknownFieldOrWrongType_Refused(string body, string message)
    {
        _server.Store.Add("serving", "llm", 2, 10);

        var response = await SendPatch(body, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Contains(message, status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendPatch(string body, string contentType)
    {
        using var http = new HttpClient { BaseAddress = _server.Address };
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await http.PatchAsync("/apis/autoscaling/v2/namespaces/serving/horizontalpodautoscalers/llm", content,
            TestContext.Current.CancellationToken);
    }

    private static HpaReference Ref(string name) => new("stand-in", "serving", name);

    private static HpaLimitChange Cap(HpaObservation hpa, int max) => new()
    {
        Hpa = hpa.Reference,
        Kind = HpaChangeKind.Apply,
        ResourceVersion = hpa.ResourceVersion,
        Before = hpa.Limits,
        After = hpa.Limits with { Max = max },
        Annotations = new Dictionary<string, string?>
        {
            [HpaAnnotations.OriginalMin] = HpaAnnotations.Format(hpa.Limits.Min),
            [HpaAnnotations.OriginalMax] = HpaAnnotations.Format(hpa.Limits.Max),
        },
        Reason = "test",
    };
}
