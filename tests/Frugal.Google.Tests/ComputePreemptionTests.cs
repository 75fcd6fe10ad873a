using Frugal.Engine.Training;
using Frugal.Testing.GoogleStandIn;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Google.Tests;

/// <summary>Finding the Spot VMs Google took back, through the zone's operations.</summary>
public sealed class ComputePreemptionTests : ComputeStandInFixture
{
    private const string Zone = "us-central1-a";
    private static readonly DateTimeOffset Since = new(2026, 8, 1, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ListPreemptionsAsync_FiltersByTypeAndTimeAndReadsEveryPage()
    {
        StandIn.Compute.PageSize = 2;
        foreach (var name in new[] { "trainer-1", "trainer-2", "trainer-3", "trainer-4" })
        {
            await Compute.InsertAsync(ComputeRequests.Spot(name, Zone), Ct);
        }

        StandIn.Compute.Preempt("trainer-1", Since.AddHours(-2));
        StandIn.Compute.Preempt("trainer-2", Since.AddMinutes(51));
        StandIn.Compute.Preempt("trainer-3", Since.AddHours(1));
        StandIn.Compute.Preempt("trainer-4", Since.AddHours(2));

        var preemptions = await Compute.ListPreemptionsAsync(ComputeRequests.Project, Zone, Since, Ct);

        Assert.Equal(["trainer-2", "trainer-3", "trainer-4"],
            preemptions.Select(p => p.TargetLink![(p.TargetLink!.LastIndexOf('/') + 1)..]));
        Assert.All(preemptions, p => Assert.Equal("compute.instances.preempted", p.OperationType));
        Assert.Equal(Since.AddMinutes(51), preemptions[0].InsertTime);
        var lists = StandIn.Calls.Where(c => c.MethodId == "compute.zoneOperations.list").ToList();
        Assert.Equal(2, lists.Count);
        Assert.StartsWith("(operationType = \"compute.instances.preempted\") AND (insertTime >= ",
            lists[0].Query["filter"], StringComparison.Ordinal);
        Assert.Equal("2", lists[1].Query["pageToken"]);
    }

    [Fact]
    public async Task ListPreemptionsAsync_TimesWrittenInTheZonesOffset_AreNotMissed()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);
        StandIn.Compute.Preempt("trainer-1", Since.AddMinutes(5));

        var preemptions = await Compute.ListPreemptionsAsync(ComputeRequests.Project, Zone, Since, Ct);

        var preemption = Assert.Single(preemptions);
        Assert.Equal(TimeSpan.FromHours(-7), preemption.InsertTime!.Value.Offset);
        Assert.Equal(Since.AddMinutes(5), preemption.InsertTime);
    }

    [Fact]
    public async Task Preempt_SpotVmThatStops_IsTerminatedAndKept()
    {
        await Compute.InsertAsync(ComputeRequests.Spot("trainer-1", Zone), Ct);

        StandIn.Compute.Preempt("trainer-1");
        var instance = await Compute.GetAsync(new InstanceRef(ComputeRequests.Project, Zone, "trainer-1"), Ct);

        Assert.Equal("TERMINATED", instance!.Status);
    }

    [Fact]
    public async Task Preempt_SpotVmThatIsDeleted_IsGone()
    {
        var request = ComputeRequests.Spot("trainer-1", Zone) with
        {
            TerminationAction = InstanceTerminationAction.Delete,
        };
        await Compute.InsertAsync(request, Ct);

        StandIn.Compute.Preempt("trainer-1");
        var instance = await Compute.GetAsync(request.Instance, Ct);

        Assert.Null(instance);
    }
}
