using System.Globalization;
using Frugal.Engine.Training;

namespace Frugal.Google.Compute;

/// <summary>Writes the <c>instances.insert</c> body for a <see cref="SpotLaunchRequest"/>.</summary>
internal static class InstanceBodies
{
    public static InstanceBody For(SpotLaunchRequest request, ComputeEngineOptions options)
    {
        var zone = request.Instance.Zone;
        return new InstanceBody(
            request.Instance.Name,
            Qualify(request.MachineType, $"zones/{zone}/machineTypes/"),
            request.Labels,
            new MetadataBody(null, [.. request.Metadata.Select(m => new MetadataItem(m.Key, m.Value))]),
            Scheduling(request),
            request.Accelerator is { } gpu
                ? [new AcceleratorBody(Qualify(gpu.Type, $"zones/{zone}/acceleratorTypes/"), gpu.Count)]
                : null,
            [BootDisk(request.BootDisk, zone)],
            request.ServiceAccount is { } email ? [new ServiceAccountBody(email, options.EffectiveScopes)] : null,
            [Network(options)]);
    }

    // Spot VMs cannot restart on their own or live-migrate; GPUs cannot live-migrate either. Frugal decides about
    // restarts itself, so standard VMs do not restart on their own. A termination action is only allowed with Spot
    // or with a run limit.
    private static SchedulingBody Scheduling(SpotLaunchRequest request)
    {
        var spot = request.ProvisioningModel == ProvisioningModel.Spot;
        var action = spot || request.MaxRunDuration is not null
            ? request.TerminationAction == InstanceTerminationAction.Stop ? "STOP" : "DELETE"
            : null;
        var limit = request.MaxRunDuration is { } d
            ? new DurationBody(((long)Math.Ceiling(d.TotalSeconds)).ToString(CultureInfo.InvariantCulture))
            : null;
        return new SchedulingBody(spot ? "SPOT" : "STANDARD", action, "TERMINATE", false, limit);
    }

    private static AttachedDiskBody BootDisk(BootDiskRequest disk, string zone) => new(
        Boot: true,
        AutoDelete: true,
        Type: "PERSISTENT",
        new DiskInitializeBody(
            disk.SourceImage,
            disk.SizeGb.ToString(CultureInfo.InvariantCulture),
            Qualify(disk.DiskType, $"zones/{zone}/diskTypes/")));

    private static NetworkInterfaceBody Network(ComputeEngineOptions options) => new(
        string.IsNullOrWhiteSpace(options.Network) ? null : options.Network,
        string.IsNullOrWhiteSpace(options.Subnetwork) ? null : options.Subnetwork,
        options.ExternalIp ? [new AccessConfigBody("ONE_TO_ONE_NAT", "External NAT")] : null);

    // A bare name (n1-standard-8) is made a zonal partial URL; a path or URL is left as the caller wrote it.
    private static string Qualify(string name, string prefix) =>
        name.Contains('/', StringComparison.Ordinal) ? name : prefix + name;
}
