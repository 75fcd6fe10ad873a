using Frugal.Engine.Training;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

/// <summary>Reading, signalling, stopping and removing training VMs, and finding the ones Google took back.</summary>
public sealed class ComputeInstanceLifecycleTests : ComputeStandInFixture
{
    private const string Zone = "europe-west4-b";
    private static readonly InstanceRef Trainer = new(ComputeRequests.Project, Zone, "trainer-1");

    [Fact]
    public async Task GetAsync_RunningVm_ReadsStatusLabelsMetadataAndTimes()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var instance = await Compute.GetAsync(Trainer, Ct);

        Assert.NotNull(instance);
        Assert.Equal("RUNNING", instance.Status);
        Assert.Equal(ProvisioningModel.Spot, instance.ProvisioningModel);
        Assert.Equal("job-7", instance.Labels["frugal-job"]);
        Assert.Equal("gs://ckpt/job-7", instance.Metadata["frugal-checkpoint-uri"]);
        Assert.False(string.IsNullOrEmpty(instance.MetadataFingerprint));
        Assert.NotNull(instance.LastStartTimestamp);
        Assert.Null(instance.LastStopTimestamp);
    }

    [Fact]
    public async Task GetAsync_NoSuchVm_IsNull()
    {
        var instance = await Compute.GetAsync(Trainer, Ct);

        Assert.Null(instance);
    }

    [Fact]
    public async Task ListAsync_ByLabels_FindsOnlyMatchingVmsAcrossPages()
    {
        StandIn.Compute.PageSize = 2;
        foreach (var name in new[] { "trainer-1", "trainer-2", "trainer-3" })
        {
            await Compute.InsertAsync(ComputeRequests.Spot(name, Zone), Ct);
        }

        var other = ComputeRequests.Spot("other-1", Zone) with
        {
            Labels = new Dictionary<string, string> { ["frugal-job"] = "job-8" },
        };
        await Compute.InsertAsync(other, Ct);

        var found = await Compute.ListAsync(ComputeRequests.Project, Zone,
            new Dictionary<string, string> { ["frugal-job"] = "job-7", ["frugal-budget"] = "research" }, Ct);

        Assert.Equal(["trainer-1", "trainer-2", "trainer-3"], found.Select(i => i.Ref.Name));
        var lists = StandIn.Calls.Where(c => c.MethodId == "compute.instances.list").ToList();
        Assert.Equal(2, lists.Count);
        Assert.Equal("(labels.frugal-budget = \"research\") AND (labels.frugal-job = \"job-7\")",
            lists[0].Query["filter"]);
    }

    [Fact]
    public async Task SetMetadataAsync_CurrentFingerprint_AddsItemsAndKeepsTheOthers()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);
        var before = (await Compute.GetAsync(Trainer, Ct))!;

        var operation = await Compute.SetMetadataAsync(
            Trainer, new Dictionary<string, string> { ["frugal-checkpoint-now"] = "true" }, before.MetadataFingerprint!,
            Ct);

        Assert.True(operation.Succeeded);
        var after = (await Compute.GetAsync(Trainer, Ct))!;
        Assert.Equal("true", after.Metadata["frugal-checkpoint-now"]);
        Assert.Equal("gs://ckpt/job-7", after.Metadata["frugal-checkpoint-uri"]);
        Assert.Equal("run", after.Metadata["startup-script"]);
        Assert.NotEqual(before.MetadataFingerprint, after.MetadataFingerprint);
    }

    [Fact]
    public async Task SetMetadataAsync_StaleFingerprint_IsRefusedWithoutLosingTheOtherChange()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);
        var before = (await Compute.GetAsync(Trainer, Ct))!;
        StandIn.Compute.ChangeMetadata("trainer-1", "owner-note", "keep me");

        var error = await Assert.ThrowsAsync<ComputeRequestException>(() => Compute.SetMetadataAsync(
            Trainer, new Dictionary<string, string> { ["frugal-checkpoint-now"] = "true" }, before.MetadataFingerprint!,
            Ct));

        Assert.Equal(412, error.HttpStatus);
        Assert.False(error.Transient);
        var metadata = StandIn.Compute.Instance("trainer-1")!.Metadata;
        Assert.Equal("keep me", metadata["owner-note"]);
        Assert.False(metadata.ContainsKey("frugal-checkpoint-now"));
    }

    [Fact]
    public async Task StopAsync_ThenStartAsync_StopsAndStartsTheSameVm()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var stopped = await Compute.StopAsync(Trainer, "hold/job-7", Ct);
        var whileStopped = await Compute.GetAsync(Trainer, Ct);
        var started = await Compute.StartAsync(Trainer, "resume/job-7", Ct);

        Assert.True(stopped.Succeeded);
        Assert.Equal("TERMINATED", whileStopped!.Status);
        Assert.NotNull(whileStopped.LastStopTimestamp);
        Assert.True(started.Succeeded);
        Assert.Equal("RUNNING", StandIn.Compute.Instance("trainer-1")!.Status);
    }

    [Fact]
    public async Task StartAsync_ZoneExhausted_ReturnsTheCapacityErrorAndKeepsTheStoppedVm()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);
        await Compute.StopAsync(Trainer, "hold/job-7", Ct);
        StandIn.Compute.ExhaustZone(Zone);

        var started = await Compute.StartAsync(Trainer, "resume/job-7", Ct);

        Assert.Equal("ZONE_RESOURCE_POOL_EXHAUSTED", Assert.Single(started.Errors).Code);
        Assert.NotNull(StandIn.Compute.Instance("trainer-1"));
    }

    [Fact]
    public async Task DeleteAsync_Twice_DeletesOnceAndTheSecondIsNull()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var first = await Compute.DeleteAsync(Trainer, "delete/job-7", Ct);
        var second = await Compute.DeleteAsync(Trainer, "delete/job-7/again", Ct);

        Assert.True(first!.Succeeded);
        Assert.Null(second);
        Assert.Empty(StandIn.Compute.Instances);
    }

    [Fact]
    public async Task StopAsync_NoSuchVm_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ComputeRequestException>(() =>
            Compute.StopAsync(Trainer, "hold/job-7", Ct));

        Assert.Equal(404, error.HttpStatus);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task GetAsync_ServerErrorsPastTheRetries_ThrowsTransient()
    {
        StandIn.Fail("compute.instances.get", StandInFault.ServerError, times: 10);

        var error = await Assert.ThrowsAsync<ComputeRequestException>(() => Compute.GetAsync(Trainer, Ct));

        Assert.Equal(500, error.HttpStatus);
        Assert.True(error.Transient);
    }
}
