namespace Frugal.Engine.Training;

/// <summary>
/// A job as stored: its spec, where it is in its life, where it runs, what it has cost. <see cref="Version"/> is
/// the store's concurrency token: a change is written only over the version it was made from.
/// </summary>
public sealed record TrainingJob
{
    /// <summary>The job's name; unique.</summary>
    public string Id => Spec.Name;

    public required TrainingJobSpec Spec { get; init; }

    public required TrainingJobState State { get; init; }

    /// <summary>Where the job came from: <c>policy</c>, <c>cli</c> or <c>http</c>.</summary>
    public required string Source { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set by the store: 1 when added, one more at every change.</summary>
    public long Version { get; init; }

    /// <summary>Launches so far, counting the one in progress; names the VM and keys its request ids.</summary>
    public int Attempt { get; init; }

    /// <summary>Relaunches after a preemption; window-end pauses do not count.</summary>
    public int Restarts { get; init; }

    /// <summary>The VM of the current attempt, once Frugal has asked for one.</summary>
    public TrainingPlacement? Placement { get; init; }

    /// <summary>Until when the tick that launches the job holds it; another tick takes over after.</summary>
    public DateTimeOffset? LaunchLeaseUntil { get; init; }

    /// <summary>Capacity or quota refusals per zone since the job last ran.</summary>
    public IReadOnlyDictionary<string, int> ZoneFailures { get; init; } = new Dictionary<string, int>();

    /// <summary>Why the job is where it is: what it waits for, why it failed.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? CheckpointRequestedAt { get; init; }

    /// <summary>GPU-minutes of work preemptions threw away (run time of each preempted attempt).</summary>
    public decimal GpuMinutesLost { get; init; }

    public TrainingCosts Costs { get; init; } = new();

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The step <see cref="TrainingJobSpec.OnSuccess"/> started, once it has been submitted.</summary>
    public ChainedRun? Chained { get; init; }

    public bool IsFinished => State.IsFinal();

    /// <summary>Succeeded, with an <c>onSuccess</c> step not yet started: the scheduler has work here.</summary>
    public bool AwaitsChain => State == TrainingJobState.Succeeded && Spec.OnSuccess is not null && Chained is null;

    /// <summary>Finished with nothing left to do: what stores list only when finished jobs are asked for.</summary>
    public bool IsSettled => IsFinished && !AwaitsChain;
}

/// <summary>The VM of one attempt: zone, name, Spot or standard, the request id of its insert, its prices.</summary>
public sealed record TrainingPlacement(
    string Project,
    string Zone,
    string InstanceName,
    ProvisioningModel Model,
    string RequestId,
    DateTimeOffset? RunningSince,
    Money.Money? HourlyRate,
    Money.Money? OnDemandRate)
{
    public InstanceRef Instance => new(Project, Zone, InstanceName);
}

/// <summary>
/// Money a job is expected to cost and has cost: the estimate for one full attempt (Spot and on demand) and the
/// run time billed so far, with what the same time would have cost on demand.
/// </summary>
public sealed record TrainingCosts
{
    public Money.Money? Estimated { get; init; }

    public Money.Money? EstimatedOnDemand { get; init; }

    public Money.Money? Actual { get; init; }

    public Money.Money? OnDemandEquivalent { get; init; }

    /// <summary>What running on Spot saved against on demand so far; null until both are known.</summary>
    public Money.Money? Saving =>
        Actual is { } actual && OnDemandEquivalent is { } full && actual.Currency == full.Currency
            ? full - actual
            : null;
}
