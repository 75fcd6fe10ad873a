using Frugal.Engine.Autoscaling;
using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging.Abstractions;
using static Frugal.Engine.Tests.Autoscaling.Hpas;

namespace Frugal.Engine.Tests.Autoscaling;

public sealed class AutoscalingReconcilerTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
    private static readonly KubernetesClusterPolicy Cluster = new() { Name = "gke-prod" };

    [Fact]
    public async Task RunAsync_ConflictEveryTime_GivesUpAfterTheRetriesAndFails()
    {
        var api = new ConflictingApi(Hpa(min: 2, max: 10));

        var run = await Reconciler(api).RunAsync(Policy(), [Cap(max: 4)], AutoscalingMode.Apply, null, Day,
            TestContext.Current.CancellationToken);

        var outcome = Assert.Single(run.Outcomes);
        Assert.Equal(HpaPatchStatus.Conflict, outcome.Status);
        Assert.Equal(AutoscalingReconciler.MaxConflictRetries, outcome.Attempts);
        Assert.Equal(AutoscalingReconciler.MaxConflictRetries + 1, api.Patches);
        Assert.True(run.AnyFailed);
    }

    [Fact]
    public async Task RunAsync_ReadAfterConflictThrows_ReportedAsFailedOthersCarriedOut()
    {
        var api = new ConflictingApi(Hpa("a", min: 2, max: 10), Hpa("b", min: 2, max: 10)) { ReadFails = true };

        var run = await Reconciler(api).RunAsync(Policy(), [Cap(max: 4)], AutoscalingMode.Apply, null, Day,
            TestContext.Current.CancellationToken);

        Assert.Equal(2, run.Outcomes.Count);
        Assert.All(run.Outcomes, o => Assert.Equal("the API server went away", o.Detail));
    }

    [Fact]
    public async Task RunAsync_DryRunPolicy_PatchesNothing()
    {
        var api = new ConflictingApi(Hpa(min: 2, max: 10));
        var policy = Policy() with { Safety = new SafetyPolicy { DryRun = true } };

        var run = await Reconciler(api).RunAsync(policy, [Cap(max: 4)], AutoscalingMode.Apply, null, Day,
            TestContext.Current.CancellationToken);

        Assert.True(run.Plan.DryRun);
        Assert.Single(run.Plan.Changes);
        Assert.Equal(0, api.Patches);
    }

    private static AutoscalingReconciler Reconciler(IHpaApi api) =>
        new(api, NullLogger<AutoscalingReconciler>.Instance);

    private static FrugalPolicy Policy() =>
        Hpas.Policy() with
        {
            Safety = new SafetyPolicy { DryRun = false },
            Autoscaling = Hpas.Policy().Autoscaling with { Clusters = [Cluster] },
        };

    /// <summary>An API whose objects change under every patch: each one is refused as stale.</summary>
    private sealed class ConflictingApi(params HpaObservation[] hpas) : IHpaApi
    {
        public int Patches { get; private set; }

        public bool ReadFails { get; init; }

        public Task<HpaListing> ListAsync(
            KubernetesClusterPolicy cluster, IReadOnlyList<string>? namespaces, CancellationToken ct) =>
            Task.FromResult(new HpaListing(hpas, []));

        public Task<HpaObservation?> ReadAsync(
            KubernetesClusterPolicy cluster, HpaReference hpa, CancellationToken ct) =>
            ReadFails
                ? throw new HttpRequestException("the API server went away")
                : Task.FromResult<HpaObservation?>(hpas.Single(h => h.Reference == hpa) with
                {
                    ResourceVersion = Patches.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });

        public Task<HpaPatchResult> PatchAsync(
            KubernetesClusterPolicy cluster, HpaLimitChange change, CancellationToken ct)
        {
            Patches++;
            return Task.FromResult(new HpaPatchResult(HpaPatchStatus.Conflict, "the object has been modified"));
        }
    }
}
