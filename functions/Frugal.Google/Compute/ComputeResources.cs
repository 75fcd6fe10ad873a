namespace Frugal.Google.Compute;

// Compute's JSON shapes, with only the fields Frugal writes or reads (the Instance and Operation schemas of
// compute.v1). Absent fields are left out when writing, so a request never sends a field Frugal did not mean.

internal sealed record InstanceBody(
    string Name,
    string MachineType,
    IReadOnlyDictionary<string, string> Labels,
    MetadataBody Metadata,
    SchedulingBody Scheduling,
    IReadOnlyList<AcceleratorBody>? GuestAccelerators,
    IReadOnlyList<AttachedDiskBody> Disks,
    IReadOnlyList<ServiceAccountBody>? ServiceAccounts,
    IReadOnlyList<NetworkInterfaceBody> NetworkInterfaces);

internal sealed record SchedulingBody(
    string? ProvisioningModel,
    string? InstanceTerminationAction,
    string? OnHostMaintenance,
    bool? AutomaticRestart,
    DurationBody? MaxRunDuration);

/// <summary>A protobuf Duration as JSON: whole seconds as an int64 string.</summary>
internal sealed record DurationBody(string Seconds);

internal sealed record AcceleratorBody(string AcceleratorType, int AcceleratorCount);

internal sealed record AttachedDiskBody(bool Boot, bool AutoDelete, string Type, DiskInitializeBody InitializeParams);

/// <summary>The disk's size is an int64, which Compute's JSON writes as text.</summary>
internal sealed record DiskInitializeBody(string SourceImage, string DiskSizeGb, string DiskType);

internal sealed record ServiceAccountBody(string Email, IReadOnlyList<string> Scopes);

internal sealed record NetworkInterfaceBody(
    string? Network, string? Subnetwork, IReadOnlyList<AccessConfigBody>? AccessConfigs);

internal sealed record AccessConfigBody(string Type, string Name);

internal sealed record MetadataBody(string? Fingerprint, IReadOnlyList<MetadataItem>? Items);

internal sealed record MetadataItem(string Key, string? Value);

internal sealed record InstanceResource(
    string? Name,
    string? Status,
    SchedulingBody? Scheduling,
    IReadOnlyDictionary<string, string>? Labels,
    MetadataBody? Metadata,
    string? LastStartTimestamp,
    string? LastStopTimestamp);

internal sealed record InstanceListPage(IReadOnlyList<InstanceResource>? Items, string? NextPageToken);

internal sealed record OperationResource(
    string? Name,
    string? OperationType,
    string? Status,
    string? TargetLink,
    string? InsertTime,
    OperationErrorBody? Error,
    int? HttpErrorStatusCode);

internal sealed record OperationErrorBody(IReadOnlyList<OperationErrorItem>? Errors);

internal sealed record OperationErrorItem(string? Code, string? Message);

internal sealed record OperationListPage(IReadOnlyList<OperationResource>? Items, string? NextPageToken);
