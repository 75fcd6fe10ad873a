using System.Globalization;
using Frugal.Engine.Training;

namespace Frugal.Google.Compute;

/// <summary>Reads Compute's Operation and Instance resources into the contract's records.</summary>
internal static class ComputeReadings
{
    public static ComputeOperation Operation(OperationResource r, string project, string zone) => new(
        new ZoneOperationRef(project, zone, r.Name ?? string.Empty),
        r.OperationType ?? string.Empty,
        r.Status ?? "PENDING",
        r.TargetLink,
        Time(r.InsertTime),
        [.. (r.Error?.Errors ?? []).Select(e => new ComputeOperationError(e.Code ?? "UNKNOWN", e.Message))]);

    public static ComputeInstance Instance(InstanceResource r, InstanceRef at) => new(
        at with { Name = r.Name ?? at.Name },
        r.Status ?? "PROVISIONING",
        r.Scheduling?.ProvisioningModel == "SPOT" ? ProvisioningModel.Spot : ProvisioningModel.Standard,
        r.Labels ?? new Dictionary<string, string>(),
        Items(r.Metadata),
        r.Metadata?.Fingerprint,
        Time(r.LastStartTimestamp),
        Time(r.LastStopTimestamp));

    /// <summary>A refusal Google gave at the call, shaped as the finished operation it would have ended as.</summary>
    public static ComputeOperation Refused(
        ZoneOperationRef at, string operationType, ComputeOperationError error, DateTimeOffset now) =>
        new(at, operationType, "DONE", null, now, [error]);

    public static IReadOnlyDictionary<string, string> Items(MetadataBody? metadata) =>
        (metadata?.Items ?? [])
            .GroupBy(i => i.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? string.Empty, StringComparer.Ordinal);

    public static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}
