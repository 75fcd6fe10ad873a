using Frugal.Engine.Training;

namespace Frugal.Google.Tests;

/// <summary>Launch requests as the training scheduler would write them.</summary>
internal static class ComputeRequests
{
    public const string Project = "ml-training";

    public static SpotLaunchRequest Spot(string name, string zone) => new(
        new InstanceRef(Project, zone, name),
        "g2-standard-8",
        new AcceleratorRequest("nvidia-l4", 1),
        new BootDiskRequest("projects/cos-cloud/global/images/family/cos-stable", 200, "pd-balanced"),
        "trainer@ml.iam.gserviceaccount.com",
        new Dictionary<string, string> { ["frugal-job"] = "job-7", ["frugal-budget"] = "research" },
        new Dictionary<string, string> { ["frugal-checkpoint-uri"] = "gs://ckpt/job-7", ["startup-script"] = "run" },
        ProvisioningModel.Spot,
        InstanceTerminationAction.Stop,
        TimeSpan.FromHours(4),
        $"launch/job-7/{zone}/{name}");
}
