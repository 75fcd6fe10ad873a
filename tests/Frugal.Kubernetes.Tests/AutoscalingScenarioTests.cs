using Frugal.Engine.Autoscaling;
using Frugal.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Kubernetes.Tests;

/// <summary>
/// The reconciler end to end, as the AdjustAutoscaling step runs it: the policy file, FOCUS cost data, a fake clock,
/// KubernetesClient and the stand-in API server.
/// </summary>
public sealed class AutoscalingScenarioTests : IAsyncLifetime
{
    private ClusterFixture _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ClusterFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task OffPeakFloor_AppliedAtNightLiftedInTheMorning_PatchingOnlyOnChange()
    {
        _cluster.WritePolicy(nights: true, cap: false);
        _cluster.Server.Store.Add("serving", "llm", 4, 10);
        await using var frugal = _cluster.Process();

        _cluster.At(11, 18, 21);
        var night = await ApplyAsync(frugal);
        var nightLimits = _cluster.Server.Store.Limits("serving", "llm");
        _cluster.At(11, 18, 23);
        var later = await ApplyAsync(frugal);
        _cluster.At(11, 19, 7, 30);
        var morning = await ApplyAsync(frugal);

        Assert.Equal(HpaChangeKind.Apply, Assert.Single(night.Outcomes).Change.Kind);
        Assert.Equal((1, 10), (nightLimits.Min, nightLimits.Max));
        Assert.Equal("4", nightLimits.Annotations[HpaAnnotations.OriginalMin]);
        Assert.Empty(later.Plan.Changes);
        Assert.Equal(1, later.Plan.Unchanged);
        Assert.Equal(HpaChangeKind.Restore, Assert.Single(morning.Outcomes).Change.Kind);
        var (min, max, annotations) = _cluster.Server.Store.Limits("serving", "llm");
        Assert.Equal((4, 10), (min, max));
        Assert.Empty(annotations);
        Assert.Equal(2, Patches());
    }

    [Fact]
    public async Task BudgetCap_AppliedWhenReachedLiftedWhenTheNextPeriodBegins()
    {
        _cluster.WritePolicy();
        _cluster.Server.Store.Add("serving", "llm", 2, 10);
        await using var frugal = _cluster.Process();

        _cluster.At(11, 20, 12);
        var capped = await ApplyAsync(frugal);
        var cappedLimits = _cluster.Server.Store.Limits("serving", "llm");
        _cluster.At(11, 30, 23, 30);
        var stillNovember = await ApplyAsync(frugal);
        _cluster.At(12, 1, 0, 30);
        var december = await ApplyAsync(frugal);

        Assert.Contains("budget ml-platform reached actual@1 in 2026-11", Assert.Single(capped.Outcomes).Change.Reason,
            StringComparison.Ordinal);
        Assert.Equal((2, 5), (cappedLimits.Min, cappedLimits.Max));
        Assert.Empty(stillNovember.Plan.Changes);
        Assert.Equal(HpaChangeKind.Restore, Assert.Single(december.Outcomes).Change.Kind);
        Assert.Equal((2, 10), (_cluster.Server.Store.Limits("serving", "llm").Min,
            _cluster.Server.Store.Limits("serving", "llm").Max));
    }

    [Fact]
    public async Task RestartBetweenCapAndRestore_RestoresExactlyFromTheAnnotations()
    {
        _cluster.WritePolicy();
        _cluster.Server.Store.Add("serving", "llm", 6, 10, annotations: new Dictionary<string, string>
        {
            ["owner"] = "ml-serving",
        });
        _cluster.At(11, 20, 12);
        await using (var before = _cluster.Process())
        {
            await ApplyAsync(before);
        }

        var capped = _cluster.Server.Store.Limits("serving", "llm");
        _cluster.At(12, 2, 9);
        await using var after = _cluster.Process();
        var restored = await ApplyAsync(after);

        Assert.Equal((5, 5), (capped.Min, capped.Max));
        Assert.Equal("6", capped.Annotations[HpaAnnotations.OriginalMin]);
        Assert.True(Assert.Single(restored.Outcomes).Succeeded);
        var (min, max, annotations) = _cluster.Server.Store.Limits("serving", "llm");
        Assert.Equal((6, 10), (min, max));
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "ml-serving" }, annotations);
    }

    [Fact]
    public async Task EditedByHandWhileCapped_NotOverwrittenThenReleasedKeepingThePersonsValues()
    {
        _cluster.WritePolicy();
        _cluster.Server.Store.Add("serving", "llm", 2, 10);
        await using var frugal = _cluster.Process();
        _cluster.At(11, 20, 12);
        await ApplyAsync(frugal);
        _cluster.Server.Store.EditByHand("serving", "llm", max: 8);

        _cluster.At(11, 21, 12);
        var whileCapped = await ApplyAsync(frugal);
        var afterEdit = _cluster.Server.Store.Limits("serving", "llm");
        _cluster.At(12, 1, 12);
        var nextPeriod = await ApplyAsync(frugal);

        Assert.Empty(whileCapped.Outcomes);
        Assert.Contains("edited by hand while Frugal held it (Frugal set min 2, max 5, found min 2, max 8)",
            Assert.Single(whileCapped.Plan.Skipped).Reason, StringComparison.Ordinal);
        Assert.Equal(8, afterEdit.Max);
        Assert.Equal(HpaChangeKind.Release, Assert.Single(nextPeriod.Outcomes).Change.Kind);
        var (min, max, annotations) = _cluster.Server.Store.Limits("serving", "llm");
        Assert.Equal((2, 8), (min, max));
        Assert.Empty(annotations);
    }

    [Fact]
    public async Task ChangedBetweenReadAndPatch_ReadAgainAndDecidedOnWhatIsThere()
    {
        _cluster.WritePolicy();
        _cluster.Server.Store.Add("serving", "llm", 4, 10);
        _cluster.Server.Store.BeforeNextPatch(() => _cluster.Server.Store.EditByHand("serving", "llm", min: 3));
        await using var frugal = _cluster.Process();
        _cluster.At(11, 20, 12);

        var run = await ApplyAsync(frugal);

        var outcome = Assert.Single(run.Outcomes);
        Assert.Equal(HpaPatchStatus.Patched, outcome.Status);
        Assert.Equal(1, outcome.Attempts);
        var (min, max, annotations) = _cluster.Server.Store.Limits("serving", "llm");
        Assert.Equal((3, 5), (min, max));
        Assert.Equal("3", annotations[HpaAnnotations.OriginalMin]);
    }

    [Fact]
    public async Task MoreChangesThanAllowed_RestWaitForTheNextRun()
    {
        _cluster.WritePolicy(maxChanges: 2);
        foreach (var name in new[] { "a", "b", "c" })
        {
            _cluster.Server.Store.Add("serving", name, 1, 8);
        }

        await using var frugal = _cluster.Process();
        _cluster.At(11, 20, 12);

        var first = await ApplyAsync(frugal);
        var second = await ApplyAsync(frugal);

        Assert.Equal(2, first.Outcomes.Count);
        Assert.Equal("stand-in/serving/c", Assert.Single(first.Plan.Deferred).Hpa.ToString());
        Assert.Equal("stand-in/serving/c", Assert.Single(second.Outcomes).Change.Hpa.ToString());
        Assert.Equal(4, _cluster.Server.Store.Limits("serving", "c").Max);
    }

    [Fact]
    public async Task DryRunPolicy_ShowsTheDiffAndPatchesNothing()
    {
        _cluster.WritePolicy(dryRun: true);
        _cluster.Server.Store.Add("serving", "llm", 2, 10);
        await using var frugal = _cluster.Process();
        _cluster.At(11, 20, 12);

        var run = await ApplyAsync(frugal);

        Assert.True(run.Plan.DryRun);
        Assert.Contains("spec.maxReplicas: 10 -> 5", Assert.Single(run.Plan.Changes).Diff());
        Assert.Empty(run.Outcomes);
        Assert.Equal(0, Patches());
    }

    [Fact]
    public async Task KedaOwnedAndExempt_LeftAloneWithTheReasonInThePlan()
    {
        _cluster.WritePolicy();
        _cluster.Server.Store.Add("serving", "keda-hpa-llm", 1, 10, owners:
        [
            new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "keda.sh/v1alpha1", ["kind"] = "ScaledObject", ["name"] = "llm", ["uid"] = "u1",
            },
        ]);
        _cluster.Server.Store.Add("serving", "pinned", 1, 10, labels: new Dictionary<string, string>
        {
            ["frugal.io/exempt"] = "true",
        });
        await using var frugal = _cluster.Process();
        _cluster.At(11, 20, 12);

        var run = await ApplyAsync(frugal);

        Assert.Equal(
            [
                "stand-in/serving/keda-hpa-llm: owned by KEDA ScaledObject llm, which rewrites it; set "
                + "autoscaling.includeKeda to change it",
                "stand-in/serving/pinned: exempt: it carries frugal.io/exempt",
            ],
            run.Plan.Skipped.Select(s => $"{s.Hpa}: {s.Reason}"));
        Assert.Equal(0, Patches());
    }

    [Fact]
    public async Task ForbiddenNamespace_ReportedAndTheStepFailsWhileOthersAreAdjusted()
    {
        _cluster.WritePolicy(namespaces: "[secret, serving]");
        _cluster.Server.Store.Add("serving", "llm", 2, 10);
        _cluster.Server.Store.Forbid("secret");
        await using var frugal = _cluster.Process();
        _cluster.At(11, 20, 12);
        var step = ActivatorUtilities.CreateInstance<AdjustAutoscalingStep>(frugal,
            Microsoft.Extensions.Options.Options.Create(new FrugalHostOptions { PolicyPath = _cluster.PolicyPath }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => step.RunAsync(_cluster.Clock.GetUtcNow(), TestContext.Current.CancellationToken));

        Assert.Contains("1 clusters or namespaces could not be read", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, _cluster.Server.Store.Limits("serving", "llm").Max);
        Assert.DoesNotContain(_cluster.Server.Requests, r => r.Contains("/v2/horizontalpodautoscalers",
            StringComparison.Ordinal));
    }

    private async Task<AutoscalingRun> ApplyAsync(ServiceProvider frugal)
    {
        var result = await frugal.GetRequiredService<AutoscalingJob>().RunAsync(
            new AutoscalingJobRequest(_cluster.PolicyPath, AutoscalingMode.Apply),
            TestContext.Current.CancellationToken);
        return result.Run;
    }

    private int Patches() => _cluster.Server.Requests.Count(r => r.StartsWith("PATCH", StringComparison.Ordinal));
}
