namespace Frugal.Engine.Training;

/// <summary>
/// What a person asks for: one training run on a Spot VM, its container or startup script, where it may run, how
/// long and how dear, and what Frugal may do when capacity or the window runs out.
/// </summary>
public sealed record TrainingJobSpec
{
    /// <summary>Unique among jobs; also the job's id and the stem of its VM names.</summary>
    public required string Name { get; init; }

    /// <summary>A container image the VM runs (Container-Optimized OS); null when a startup script is given.</summary>
    public string? Image { get; init; }

    /// <summary>Arguments for the container.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>A startup script the VM runs instead of a container.</summary>
    public string? StartupScript { get; init; }

    public required string MachineType { get; init; }

    public AcceleratorRequest? Accelerator { get; init; }

    /// <summary>Zones in order of preference, such as <c>us-central1-a</c>.</summary>
    public required IReadOnlyList<string> Zones { get; init; }

    public BootDiskRequest BootDisk { get; init; } = DefaultBootDisk;

    public string? ServiceAccount { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the job keeps checkpoints and writes its outcome marker (<c>gs://</c>, <c>file://</c>).</summary>
    public required Uri CheckpointUri { get; init; }

    /// <summary>The longest one attempt may run; the VM is given it as its maximum run duration.</summary>
    public required TimeSpan MaxRunTime { get; init; }

    /// <summary>When the job must have started by; after it, a job still waiting is expired.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The highest hourly price the job may run at, in the rate's currency.</summary>
    public Money.Money? MaxHourlyPrice { get; init; }

    /// <summary>Higher runs first.</summary>
    public int Priority { get; init; }

    /// <summary>The policy budget the job is charged to and held by; null for none.</summary>
    public string? Budget { get; init; }

    /// <summary>May run on standard (on-demand) VMs when Spot capacity fails or the deadline is near.</summary>
    public bool OnDemandFallback { get; init; }

    /// <summary>May be asked to checkpoint and stop when the window ends, and continue in the next.</summary>
    public bool Interruptible { get; init; } = true;

    public InstanceTerminationAction TerminationAction { get; init; } = InstanceTerminationAction.Delete;

    /// <summary>The Google Cloud project; null to use the policy's <c>training.project</c>.</summary>
    public string? Project { get; init; }

    /// <summary>What is started once the job has succeeded; null for nothing.</summary>
    public TrainingChainSpec? OnSuccess { get; init; }

    public static BootDiskRequest DefaultBootDisk { get; } =
        new("projects/cos-cloud/global/images/family/cos-stable", 100, "pd-balanced");

    /// <summary>GPUs the job holds while it runs.</summary>
    public int GpuCount => Accelerator?.Count ?? 0;
}
