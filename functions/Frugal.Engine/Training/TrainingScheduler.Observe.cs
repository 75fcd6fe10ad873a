using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Training;

public sealed partial class TrainingScheduler
{
    private static readonly HashSet<string> Stopped =
        new(["STOPPING", "STOPPED", "TERMINATED", "SUSPENDING", "SUSPENDED"], StringComparer.Ordinal);

    /// <summary>A job with a VM: finished (marker), gone or stopped (preempted), or due to checkpoint.</summary>
    private async Task ObserveAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        var placement = job.Placement!;
        var outcome = await outcomes.ReadAsync(job.Spec.CheckpointUri, ct).ConfigureAwait(false);
        if (outcome is not null)
        {
            await FinishAsync(scope, job, outcome, ct).ConfigureAwait(false);
            return;
        }

        var instance = await compute.GetAsync(placement.Instance, ct).ConfigureAwait(false);
        if (instance is null || Stopped.Contains(instance.Status))
        {
            await (job.State == TrainingJobState.Checkpointing
                ? PauseAsync(scope, job, ct)
                : InterruptedAsync(scope, job, instance, ct)).ConfigureAwait(false);
        }
        else if (job.State == TrainingJobState.Checkpointing
            && scope.Now >= job.CheckpointRequestedAt + scope.Training.Limits.CheckpointGracePeriod)
        {
            await PauseAsync(scope, job, ct).ConfigureAwait(false);
        }
        else if (job.State == TrainingJobState.Running && job.Spec.Interruptible
            && !scope.Training.Schedule.IsOpen(scope.Now) && !scope.DeadlineNear(job))
        {
            await RequestCheckpointAsync(scope, job, instance, ct).ConfigureAwait(false);
        }
    }

    private async Task FinishAsync(TickScope scope, TrainingJob job, TrainingOutcome outcome, CancellationToken ct)
    {
        await DeleteVmAsync(job, ct).ConfigureAwait(false);
        // The marker's time ends the billed run when it falls inside it; a clock elsewhere may disagree.
        var ended = outcome.WrittenAt is { } written && written < scope.Now
            && written > job.Placement?.RunningSince ? written : scope.Now;
        var finished = await SaveAsync(scope, job, Settled(job, ended) with
        {
            State = outcome.Succeeded ? TrainingJobState.Succeeded : TrainingJobState.Failed,
            FinishedAt = scope.Now,
            Reason = outcome.Succeeded
                ? "the job wrote its success marker; its VM was deleted"
                : $"the job reported failure: {outcome.Reason ?? "no reason given"}; its VM was deleted",
        }, ct).ConfigureAwait(false);
        if (finished is { State: TrainingJobState.Failed })
        {
            await notices.RecordAsync(scope.Tick.Policy, finished, "failed", ct).ConfigureAwait(false);
        }
        else if (finished is { AwaitsChain: true })
        {
            await ChainAsync(scope, finished, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The VM stopped or vanished without a marker: Google took it back, or it ran out of time.</summary>
    private async Task InterruptedAsync(
        TickScope scope, TrainingJob job, ComputeInstance? instance, CancellationToken ct)
    {
        var placement = job.Placement!;
        var since = placement.RunningSince ?? job.UpdatedAt;
        var preemptions = await compute.ListPreemptionsAsync(placement.Project, placement.Zone, since, ct)
            .ConfigureAwait(false);
        var preemption = preemptions.FirstOrDefault(op =>
            op.TargetLink?.EndsWith("/instances/" + placement.InstanceName, StringComparison.Ordinal) == true);
        var ended = preemption?.InsertTime ?? instance?.LastStopTimestamp ?? scope.Now;
        await DeleteVmAsync(job, ct).ConfigureAwait(false);

        if (preemption is null && ended - since >= job.Spec.MaxRunTime)
        {
            await FailAsync(scope, Settled(job, ended), "failed",
                $"ran for its whole maxRunTime ({job.Spec.MaxRunTime}) without writing an outcome marker", ct)
                .ConfigureAwait(false);
            return;
        }

        // An upper bound: Frugal does not know when the job last checkpointed, so the attempt's whole run time
        // counts as lost. A job reporting its last checkpoint time (in its marker folder) would make it exact.
        var lost = (decimal)(ended - since).TotalMinutes * job.Spec.GpuCount;
        var how = preemption is not null || instance?.ProvisioningModel == ProvisioningModel.Spot
            ? $"preempted by Google at {ended:u}"
            : $"its VM {(instance is null ? "disappeared" : "stopped")} outside Frugal at {ended:u}";
        var preempted = await SaveAsync(scope, job, Settled(job, ended) with
        {
            State = TrainingJobState.Preempted,
            GpuMinutesLost = job.GpuMinutesLost + Math.Max(0, decimal.Round(lost, 1)),
            Reason = how,
        }, ct).ConfigureAwait(false);
        if (preempted is not null)
        {
            await AfterPreemptionAsync(scope, preempted, ct).ConfigureAwait(false);
        }
    }

    private async Task AfterPreemptionAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        var max = scope.Training.Limits.MaxRestarts;
        if (job.Restarts >= max)
        {
            await FailAsync(scope, job, "given up", $"{job.Reason}; given up after {job.Restarts} restarts", ct)
                .ConfigureAwait(false);
            return;
        }

        await SaveAsync(scope, job, job with
        {
            State = TrainingJobState.Relaunching,
            Restarts = job.Restarts + 1,
            Placement = null,
            Reason = $"{job.Reason}; relaunching from {job.Spec.CheckpointUri} (restart {job.Restarts + 1} of {max})",
        }, ct).ConfigureAwait(false);
    }

    private async Task RequestCheckpointAsync(
        TickScope scope, TrainingJob job, ComputeInstance instance, CancellationToken ct)
    {
        await compute.SetMetadataAsync(
            instance.Ref, new Dictionary<string, string> { [TrainingLaunchRequests.CheckpointKey] = "requested" },
            instance.MetadataFingerprint ?? string.Empty, ct).ConfigureAwait(false);
        var stopAt = scope.Now + scope.Training.Limits.CheckpointGracePeriod;
        await SaveAsync(scope, job, job with
        {
            State = TrainingJobState.Checkpointing,
            CheckpointRequestedAt = scope.Now,
            Reason = $"window ended: asked to checkpoint; its VM is removed at {stopAt:u} at the latest",
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Window-end pause: the VM goes; the job waits for the next window, then resumes.</summary>
    /// <remarks>
    /// The VM is deleted, not stopped, so the next window starts from the checkpoint rather than the boot disk;
    /// stopping it and using <see cref="IComputeInstances.StartAsync"/> would keep the disk, at its storage cost.
    /// </remarks>
    private async Task PauseAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        await DeleteVmAsync(job, ct).ConfigureAwait(false);
        await SaveAsync(scope, job, Settled(job, scope.Now) with
        {
            State = TrainingJobState.Queued,
            Placement = null,
            CheckpointRequestedAt = null,
            Reason = $"paused at window end; resumes from {job.Spec.CheckpointUri} in the next window",
        }, ct).ConfigureAwait(false);
    }

    private async Task FailAsync(TickScope scope, TrainingJob job, string outcome, string reason, CancellationToken ct)
    {
        var failed = await SaveAsync(scope, job, job with
        {
            State = TrainingJobState.Failed, FinishedAt = scope.Now, Placement = null, Reason = reason,
        }, ct).ConfigureAwait(false);
        if (failed is not null)
        {
            await notices.RecordAsync(scope.Tick.Policy, failed, outcome, ct).ConfigureAwait(false);
        }
    }

    private async Task DeleteVmAsync(TrainingJob job, CancellationToken ct)
    {
        if (job.Placement is not { } placement)
        {
            return;
        }

        var requestId = TrainingLaunchRequests.RequestId("delete", job.Id, $"{job.Attempt}", placement.Zone);
        await compute.DeleteAsync(placement.Instance, requestId, ct).ConfigureAwait(false);
        LogDeleted(job.Id, placement.InstanceName, placement.Zone);
    }

    /// <summary>The job with the attempt's run time up to <paramref name="until"/> added to its costs.</summary>
    private static TrainingJob Settled(TrainingJob job, DateTimeOffset until) =>
        job with { Costs = TrainingCostMath.AddRun(job.Costs, job.Placement, until) };

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Training job {Job}: deleted VM {Instance} in {Zone}")]
    private partial void LogDeleted(string job, string instance, string zone);
}
