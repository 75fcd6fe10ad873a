using System.Diagnostics;
using Frugal.Engine.Training;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

/// <summary>Launching training VMs through <see cref="IComputeInstances"/> against the Compute stand-in.</summary>
public sealed class ComputeLaunchTests : ComputeStandInFixture
{
    private const string Zone = "us-central1-a";
    private const string CloudPlatform = "https://www.googleapis.com/auth/cloud-platform";

    [Fact]
    public async Task InsertAsync_SpotRequest_SendsSpotSchedulingAndTheWholeVm()
    {
        var operation = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        Assert.True(operation.Succeeded);
        var body = Assert.Single(StandIn.Compute.Instances).InsertBody;
        var scheduling = body.GetProperty("scheduling");
        Assert.Equal("SPOT", scheduling.GetProperty("provisioningModel").GetString());
        Assert.Equal("STOP", scheduling.GetProperty("instanceTerminationAction").GetString());
        Assert.Equal("TERMINATE", scheduling.GetProperty("onHostMaintenance").GetString());
        Assert.False(scheduling.GetProperty("automaticRestart").GetBoolean());
        Assert.Equal("14400", scheduling.GetProperty("maxRunDuration").GetProperty("seconds").GetString());
        Assert.Equal($"zones/{Zone}/machineTypes/g2-standard-8", body.GetProperty("machineType").GetString());
        var gpu = Assert.Single(body.GetProperty("guestAccelerators").EnumerateArray());
        Assert.Equal($"zones/{Zone}/acceleratorTypes/nvidia-l4", gpu.GetProperty("acceleratorType").GetString());
        Assert.Equal(1, gpu.GetProperty("acceleratorCount").GetInt32());
        var disk = Assert.Single(body.GetProperty("disks").EnumerateArray());
        Assert.True(disk.GetProperty("boot").GetBoolean());
        Assert.True(disk.GetProperty("autoDelete").GetBoolean());
        Assert.Equal("200", disk.GetProperty("initializeParams").GetProperty("diskSizeGb").GetString());
        Assert.Equal($"zones/{Zone}/diskTypes/pd-balanced",
            disk.GetProperty("initializeParams").GetProperty("diskType").GetString());
        var account = Assert.Single(body.GetProperty("serviceAccounts").EnumerateArray());
        Assert.Equal("trainer@ml.iam.gserviceaccount.com", account.GetProperty("email").GetString());
        Assert.Equal(CloudPlatform, Assert.Single(account.GetProperty("scopes").EnumerateArray()).GetString());
        var network = Assert.Single(body.GetProperty("networkInterfaces").EnumerateArray());
        Assert.Equal("global/networks/default", network.GetProperty("network").GetString());
        Assert.Equal("ONE_TO_ONE_NAT",
            Assert.Single(network.GetProperty("accessConfigs").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal("job-7", body.GetProperty("labels").GetProperty("frugal-job").GetString());
        Assert.Equal("gs://ckpt/job-7", StandIn.Compute.Instances[0].Metadata["frugal-checkpoint-uri"]);
    }

    [Fact]
    public async Task InsertAsync_StandardRequestWithoutLimit_SendsNoTerminationAction()
    {
        var request = ComputeRequests.Spot("trainer-1", Zone) with
        {
            ProvisioningModel = ProvisioningModel.Standard,
            MaxRunDuration = null,
        };

        var operation = await Compute.InsertAsync(request, Ct);

        Assert.True(operation.Succeeded);
        var scheduling = Assert.Single(StandIn.Compute.Instances).InsertBody.GetProperty("scheduling");
        Assert.Equal("STANDARD", scheduling.GetProperty("provisioningModel").GetString());
        Assert.False(scheduling.TryGetProperty("instanceTerminationAction", out _));
    }

    [Fact]
    public async Task InsertAsync_SameRequestIdTwice_CreatesOneVmAndReturnsTheFirstOperation()
    {
        var request = ComputeRequests.Spot("trainer-1", Zone);

        var first = await Compute.InsertAsync(request, Ct);
        var second = await Compute.InsertAsync(request, Ct);

        Assert.Single(StandIn.Compute.Instances);
        Assert.Equal(first.Ref, second.Ref);
        var ids = StandIn.Calls.Where(c => c.MethodId == "compute.instances.insert")
            .Select(c => c.Query["requestId"]).Distinct().ToList();
        Assert.True(Guid.TryParse(Assert.Single(ids), out _));
    }

    [Fact]
    public async Task InsertAsync_ZoneExhausted_ReturnsAFinishedOperationWithItsCode()
    {
        StandIn.Compute.ExhaustZone(Zone);

        var operation = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        Assert.True(operation.IsDone);
        Assert.False(operation.Succeeded);
        Assert.Equal("ZONE_RESOURCE_POOL_EXHAUSTED", Assert.Single(operation.Errors).Code);
        Assert.Empty(StandIn.Compute.Instances);
    }

    [Fact]
    public async Task InsertAsync_QuotaRefusedAtTheCall_ReturnsAnOperationWithQuotaExceeded()
    {
        StandIn.Compute.ExceedQuota(Zone, QuotaRefusal.AtInsert);

        var operation = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        Assert.True(operation.IsDone);
        var error = Assert.Single(operation.Errors);
        Assert.Equal("QUOTA_EXCEEDED", error.Code);
        Assert.Contains("exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, StandIn.Attempts);
    }

    [Fact]
    public async Task WaitAsync_QuotaRefusedOnTheOperation_EndsWithQuotaExceeded()
    {
        StandIn.Compute.ExceedQuota(Zone, QuotaRefusal.OnOperation).SlowOperations(Zone, 2);
        var started = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var operation = await Compute.WaitAsync(started.Ref, TimeSpan.FromSeconds(10), Ct);

        Assert.False(started.IsDone);
        Assert.Equal("QUOTA_EXCEEDED", Assert.Single(operation.Errors).Code);
        Assert.Empty(StandIn.Compute.Instances);
    }

    [Fact]
    public async Task WaitAsync_SlowOperation_PollsUntilDone()
    {
        StandIn.Compute.SlowOperations(Zone, 4);
        var started = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var operation = await Compute.WaitAsync(started.Ref, TimeSpan.FromSeconds(10), Ct);

        Assert.Equal("PENDING", started.Status);
        Assert.True(operation.Succeeded);
        Assert.Equal(4, StandIn.Calls.Count(c => c.MethodId == "compute.zoneOperations.wait"));
        Assert.Equal("RUNNING", Assert.Single(StandIn.Compute.Instances).Status);
    }

    [Fact]
    public async Task WaitAsync_OperationSlowerThanTheTimeout_ReturnsItUnfinished()
    {
        StandIn.Compute.SlowOperations(Zone, 1000);
        var started = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var operation = await Compute.WaitAsync(started.Ref, TimeSpan.FromMilliseconds(300), Ct);

        Assert.False(operation.IsDone);
        Assert.Equal("RUNNING", operation.Status);
    }

    [Fact]
    public async Task WaitAsync_InfiniteTimeout_WaitsUntilDone()
    {
        StandIn.Compute.SlowOperations(Zone, 3);
        var started = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var operation = await Compute.WaitAsync(started.Ref, Timeout.InfiniteTimeSpan, Ct);

        Assert.True(operation.Succeeded);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        StandIn.Compute.SlowOperations(Zone, 1000);
        var started = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Compute.WaitAsync(started.Ref, TimeSpan.FromMinutes(5), cancel.Token));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task InsertAsync_ThrottledWithRetryAfter_WaitsAndSendsTheSameRequestId(int status)
    {
        StandIn.Compute.Throttle("instances.insert", status, retryAfterSeconds: 1);
        var clock = Stopwatch.StartNew();

        var operation = await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        Assert.True(operation.Succeeded);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
        var attempts = StandIn.Calls.Where(c => c.MethodId == "compute.instances.insert").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Query["requestId"], attempts[1].Query["requestId"]);
        Assert.Single(StandIn.Compute.Instances);
    }

    [Fact]
    public async Task InsertAsync_NameTaken_ThrowsANonTransientConflict()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        var error = await Assert.ThrowsAsync<ComputeRequestException>(() =>
            Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone) with { RequestId = "another" }, Ct));

        Assert.Equal(409, error.HttpStatus);
        Assert.False(error.Transient);
    }
}
