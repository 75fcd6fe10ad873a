using System.Text.Json;
using Frugal.Cli;
using Frugal.Engine.Autoscaling;

namespace Frugal.Kubernetes.Tests;

public sealed class AutoscaleCommandTests : IAsyncLifetime
{
    private const string CappedAt = "2026-11-20T12:00:00Z";
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private ClusterFixture _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await ClusterFixture.StartAsync();
        _cluster.WritePolicy();
        _cluster.Server.Store.Add("serving", "llm", 2, 10);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Plan_CapInForce_ShowsBeforeAfterDiffAndChangesNothing()
    {
        var exitCode = await Frugal("autoscale", "plan", "--policy", _cluster.PolicyPath, "--now", CappedAt);

        Assert.Equal(0, exitCode);
        var output = _stdout.ToString();
        Assert.Contains("1 to change, 0 deferred, 0 left alone, 0 as wanted [dry run: nothing is changed]", output,
            StringComparison.Ordinal);
        Assert.Contains("~ stand-in/serving/llm (apply, resourceVersion ", output, StringComparison.Ordinal);
        Assert.Contains("    spec.maxReplicas: 10 -> 5", output, StringComparison.Ordinal);
        Assert.Contains("    + metadata.annotations[frugal.io/original-max-replicas]: 10", output,
            StringComparison.Ordinal);
        Assert.Equal(10, _cluster.Server.Store.Limits("serving", "llm").Max);
    }

    [Fact]
    public async Task ApplyThenRestore_CapsThenPutsTheOriginalsBack()
    {
        var apply = await Frugal("autoscale", "apply", "--policy", _cluster.PolicyPath, "--now", CappedAt,
            "--format", "json");
        var capped = _cluster.Server.Store.Limits("serving", "llm");
        _stdout.GetStringBuilder().Clear();
        var preview = await Frugal("autoscale", "restore", "--dry-run", "--policy", _cluster.PolicyPath);
        var previewed = _cluster.Server.Store.Limits("serving", "llm");
        var restore = await Frugal("autoscale", "restore", "--policy", _cluster.PolicyPath, "--cluster", "STAND-IN");

        Assert.Equal((0, 0, 0), (apply, preview, restore));
        Assert.Equal(5, capped.Max);
        Assert.Equal(5, previewed.Max);
        var (min, max, annotations) = _cluster.Server.Store.Limits("serving", "llm");
        Assert.Equal((2, 10), (min, max));
        Assert.Empty(annotations);
    }

    [Fact]
    public async Task Apply_Json_ReportsTheOutcomeOfEachChange()
    {
        await Frugal("autoscale", "apply", "--policy", _cluster.PolicyPath, "--now", CappedAt, "--format", "json");

        using var json = JsonDocument.Parse(_stdout.ToString());
        var change = json.RootElement.GetProperty("changes")[0];
        Assert.Equal("stand-in/serving/llm", change.GetProperty("hpa").GetString());
        Assert.Equal(10, change.GetProperty("before").GetProperty("maxReplicas").GetInt32());
        Assert.Equal(5, change.GetProperty("after").GetProperty("maxReplicas").GetInt32());
        Assert.Equal("patched", change.GetProperty("outcome").GetProperty("status").GetString());
        Assert.False(json.RootElement.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Apply_UnknownCluster_BadInput()
    {
        var exitCode = await Frugal("autoscale", "apply", "--policy", _cluster.PolicyPath, "--cluster", "gke-x");

        Assert.Equal(2, exitCode);
        Assert.Equal("frugal: --cluster: 'gke-x' is not one of autoscaling.clusters (stand-in)",
            _stderr.ToString().Trim());
    }

    [Fact]
    public async Task Plan_PolicyWithoutClusters_BadInputNamingTheSection()
    {
        var policy = Path.Combine(_cluster.Folder, "no-clusters.yaml");
        await File.WriteAllTextAsync(policy, """
            budgets:
              - { name: b, amount: 1, currency: USD, thresholds: [{ at: 1, actions: [holdTraining] }] }
            """, TestContext.Current.CancellationToken);

        var exitCode = await Frugal("autoscale", "plan", "--policy", policy);

        Assert.Equal(2, exitCode);
        Assert.Contains("no autoscaling.clusters", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_InClusterOutsideACluster_BadInputNamingTheCluster()
    {
        var policy = Path.Combine(_cluster.Folder, "in-cluster.yaml");
        await File.WriteAllTextAsync(policy, """
            budgets:
              - { name: b, amount: 1, currency: USD, thresholds: [{ at: 1, actions: [holdTraining] }] }
            autoscaling:
              clusters: [{ name: here, inCluster: true }]
            """, TestContext.Current.CancellationToken);

        var exitCode = await Frugal("autoscale", "plan", "--policy", policy);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("frugal: cluster 'here': in-cluster credentials: ", _stderr.ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_OneOfTwoClusters_OnlyThatClusterIsChanged()
    {
        await using var second = await StandIn.FakeApiServer.StartAsync();
        second.Store.Add("serving", "llm", 2, 10);
        var kubeconfig = second.WriteKubeconfig(_cluster.Folder, "second");
        var policy = await File.ReadAllTextAsync(_cluster.PolicyPath, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_cluster.PolicyPath, policy.Replace(
            "    - { name: stand-in, kubeconfig: kubeconfig-stand-in.yaml, context: stand-in }",
            "    - { name: stand-in, kubeconfig: kubeconfig-stand-in.yaml, context: stand-in }\n"
            + $"    - {{ name: second, kubeconfig: {Path.GetFileName(kubeconfig)}, context: second }}",
            StringComparison.Ordinal).Replace("targets: [stand-in/serving/*]", "targets: ['*/serving/*']",
            StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var exitCode = await Frugal("autoscale", "apply", "--policy", _cluster.PolicyPath, "--now", CappedAt,
            "--cluster", "second");

        Assert.Equal(0, exitCode);
        Assert.Equal(5, second.Store.Limits("serving", "llm").Max);
        Assert.Equal(10, _cluster.Server.Store.Limits("serving", "llm").Max);
        Assert.Empty(_cluster.Server.Requests);
    }

    [Fact]
    public async Task Apply_PatchRefused_ExitCodeOne()
    {
        _cluster.Server.Store.BeforeNextPatch(() => _cluster.Server.Store.Forbid("serving"));

        var exitCode = await Frugal("autoscale", "apply", "--policy", _cluster.PolicyPath, "--now", CappedAt);

        Assert.Equal(1, exitCode);
        Assert.Contains($"result: {HpaPatchStatus.Forbidden.ToString().ToLowerInvariant()}: HTTP 403",
            _stdout.ToString(), StringComparison.Ordinal);
    }

    private Task<int> Frugal(params string[] args) => FrugalCommandLine.InvokeAsync(args, _stdout, _stderr);
}
