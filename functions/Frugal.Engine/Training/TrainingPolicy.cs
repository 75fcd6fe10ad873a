namespace Frugal.Engine.Training;

/// <summary>The policy's <c>training</c> section: when, how much at once, how hard to try, at what rates.</summary>
public sealed record TrainingPolicy
{
    /// <summary>The Google Cloud project jobs run in unless they name another.</summary>
    public string? Project { get; init; }

    public OffPeakSchedule Schedule { get; init; } = OffPeakSchedule.Always;

    public TrainingLimits Limits { get; init; } = new();

    /// <summary>Hourly prices by machine type, used where the price catalog is not configured or lacks one.</summary>
    public IReadOnlyList<TrainingRate> Rates { get; init; } = [];

    /// <summary>Jobs declared in the policy; added to the queue once each.</summary>
    public IReadOnlyList<TrainingJobSpec> Jobs { get; init; } = [];

    /// <summary>
    /// Jobs never queued by themselves: what retraining rules and <c>onSuccess</c> chains run, each run a job of
    /// its own (<see cref="TrainingTemplates"/>).
    /// </summary>
    public IReadOnlyList<TrainingJobSpec> Templates { get; init; } = [];
}

/// <summary>How much runs at once and how long Frugal keeps trying.</summary>
public sealed record TrainingLimits
{
    public int MaxConcurrentGpus { get; init; } = 8;

    /// <summary>Capacity or quota refusals per zone before a job turns to on demand (or keeps waiting).</summary>
    public int ZoneAttempts { get; init; } = 3;

    public int MaxRestarts { get; init; } = 5;

    /// <summary>How long a job asked to checkpoint has before its VM is stopped.</summary>
    public TimeSpan CheckpointGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one tick waits on an insert's zone operation; a later tick waits again.</summary>
    public TimeSpan LaunchTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How close to its deadline a job may launch on demand and outside the window, if it allows on demand.
    /// </summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The hourly price of a machine type with its GPUs, Spot and on demand (<c>g2-standard-8: spot 0.31,
/// onDemand 0.85</c>).
/// </summary>
public sealed record TrainingRate(string MachineType, Money.Money Spot, Money.Money OnDemand);
