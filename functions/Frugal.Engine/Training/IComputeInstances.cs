namespace Frugal.Engine.Training;

/// <summary>
/// The part of Compute Engine that training on Spot VMs needs: create, inspect, signal and remove instances in one
/// zone, and read the zone operations that say how a create ended or that Google took a VM back. Implemented over
/// the Compute REST API (<c>ComputeEngineClient</c> in Frugal.Google); an official client could take its place.
/// </summary>
/// <remarks>
/// Capacity and quota refusals (<c>ZONE_RESOURCE_POOL_EXHAUSTED</c>, <c>QUOTA_EXCEEDED</c> and their kin) are not
/// exceptions: whether Google reports them on the insert call or on its operation, they come back as a finished
/// <see cref="ComputeOperation"/> whose <see cref="ComputeOperation.Errors"/> name them, so the scheduler has one
/// path to the next zone. Anything else that fails throws <see cref="ComputeRequestException"/>.
/// </remarks>
public interface IComputeInstances
{
    /// <summary>
    /// Creates an instance. <see cref="SpotLaunchRequest.RequestId"/> makes a retried or repeated call return the
    /// first call's operation instead of creating a second VM.
    /// </summary>
    Task<ComputeOperation> InsertAsync(SpotLaunchRequest request, CancellationToken ct);

    /// <summary>
    /// Waits for a zone operation to finish, or until <paramref name="timeout"/> passes; returns its latest state
    /// either way (<see cref="ComputeOperation.IsDone"/> says which).
    /// </summary>
    Task<ComputeOperation> WaitAsync(ZoneOperationRef operation, TimeSpan timeout, CancellationToken ct);

    /// <summary>The instance, or null when it does not exist (never created, or deleted).</summary>
    Task<ComputeInstance?> GetAsync(InstanceRef instance, CancellationToken ct);

    /// <summary>Instances in a zone whose labels include every pair in <paramref name="labels"/>.</summary>
    Task<IReadOnlyList<ComputeInstance>> ListAsync(
        string project, string zone, IReadOnlyDictionary<string, string> labels, CancellationToken ct);

    /// <summary>
    /// Zone operations of type <c>compute.instances.preempted</c> inserted at or after <paramref name="since"/>.
    /// </summary>
    Task<IReadOnlyList<ComputeOperation>> ListPreemptionsAsync(
        string project, string zone, DateTimeOffset since, CancellationToken ct);

    /// <summary>
    /// Sets metadata items on a running instance (the window-end checkpoint request), keeping the items it has;
    /// <paramref name="fingerprint"/> is the one read with the instance, so a concurrent change is refused, not lost.
    /// </summary>
    Task<ComputeOperation> SetMetadataAsync(
        InstanceRef instance, IReadOnlyDictionary<string, string> items, string fingerprint, CancellationToken ct);

    /// <summary>Stops an instance (its disk is kept, so a stopped Spot VM can be started again).</summary>
    Task<ComputeOperation> StopAsync(InstanceRef instance, string requestId, CancellationToken ct);

    /// <summary>Starts a stopped instance.</summary>
    Task<ComputeOperation> StartAsync(InstanceRef instance, string requestId, CancellationToken ct);

    /// <summary>Deletes an instance; deleting one that is already gone is not an error (returns null).</summary>
    Task<ComputeOperation?> DeleteAsync(InstanceRef instance, string requestId, CancellationToken ct);
}

/// <summary>An instance by project, zone and name.</summary>
public sealed record InstanceRef(string Project, string Zone, string Name);

/// <summary>A zone operation by project, zone and name.</summary>
public sealed record ZoneOperationRef(string Project, string Zone, string Name);

/// <summary>Spot (preemptible, discounted) or standard (on-demand) capacity.</summary>
public enum ProvisioningModel
{
    Spot,
    Standard,
}

/// <summary>What Google does with a Spot VM it takes back.</summary>
public enum InstanceTerminationAction
{
    Stop,
    Delete,
}

/// <summary>GPUs to attach: a type as Compute names it (<c>nvidia-l4</c>, <c>nvidia-tesla-t4</c>) and a count.</summary>
public sealed record AcceleratorRequest(string Type, int Count);

/// <summary>The boot disk: a source image (<c>projects/cos-cloud/global/images/family/cos-stable</c>), size, type.</summary>
public sealed record BootDiskRequest(string SourceImage, int SizeGb, string DiskType);

/// <summary>
/// Everything <c>instances.insert</c> needs for one training VM. <see cref="Metadata"/> carries the startup
/// script or container declaration and the job's checkpoint URI; <see cref="Labels"/> tie the VM to its job.
/// </summary>
public sealed record SpotLaunchRequest(
    InstanceRef Instance,
    string MachineType,
    AcceleratorRequest? Accelerator,
    BootDiskRequest BootDisk,
    string? ServiceAccount,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Metadata,
    ProvisioningModel ProvisioningModel,
    InstanceTerminationAction TerminationAction,
    TimeSpan? MaxRunDuration,
    string RequestId);

/// <summary>One error a zone operation reports, with Google's code (<c>ZONE_RESOURCE_POOL_EXHAUSTED</c>).</summary>
public sealed record ComputeOperationError(string Code, string? Message);

/// <summary>A zone operation as last read.</summary>
public sealed record ComputeOperation(
    ZoneOperationRef Ref,
    string OperationType,
    string Status,
    string? TargetLink,
    DateTimeOffset? InsertTime,
    IReadOnlyList<ComputeOperationError> Errors)
{
    public bool IsDone => Status == "DONE";

    public bool Succeeded => IsDone && Errors.Count == 0;
}

/// <summary>
/// An instance as last read: its status (<c>PROVISIONING</c>, <c>RUNNING</c>, <c>STOPPING</c>, <c>TERMINATED</c>...),
/// labels, metadata with its fingerprint, and when it last started and stopped.
/// </summary>
public sealed record ComputeInstance(
    InstanceRef Ref,
    string Status,
    ProvisioningModel ProvisioningModel,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Metadata,
    string? MetadataFingerprint,
    DateTimeOffset? LastStartTimestamp,
    DateTimeOffset? LastStopTimestamp);

/// <summary>A Compute request that failed for a reason other than capacity or quota.</summary>
public sealed class ComputeRequestException : Exception
{
    public ComputeRequestException()
    {
    }

    public ComputeRequestException(string message)
        : base(message)
    {
    }

    public ComputeRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ComputeRequestException(string message, int? httpStatus, bool transient, Exception? inner = null)
        : base(message, inner)
    {
        HttpStatus = httpStatus;
        Transient = transient;
    }

    /// <summary>The HTTP status Google answered with, when it answered.</summary>
    public int? HttpStatus { get; }

    /// <summary>True when the same request may succeed later (the retries already spent were not enough).</summary>
    public bool Transient { get; }
}
