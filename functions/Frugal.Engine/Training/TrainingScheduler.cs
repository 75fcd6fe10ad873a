using Frugal.Engine.Prices;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Training;

/// <summary>
/// One tick of the training queue: follow the VMs Frugal started (finished, preempted, due to checkpoint), expire
/// jobs past their deadline, then launch waiting jobs by priority while the window is open, the GPUs allow and
/// their budgets hold. Every change is a compare-and-swap in the store, so ticks that overlap do each thing once.
/// </summary>
public sealed partial class TrainingScheduler(
    ITrainingJobStore store,
    IComputeInstances compute,
    ITrainingOutcomes outcomes,
    IPriceCatalog? catalog,
    TrainingNotices notices,
    TimeProvider time,
    ILogger<TrainingScheduler> logger)
{
    /// <summary>How long a tick holds a job it is launching before another tick may take the launch over.</summary>
    public TimeSpan LaunchLease { get; init; } = TimeSpan.FromMinutes(10);

    public async Task<TrainingTickReport> TickAsync(TrainingTick tick, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var scope = new TickScope(tick, time.GetUtcNow(), new TrainingPrices(catalog, tick.Policy.Training.Rates));
        await AddPolicyJobsAsync(scope, ct).ConfigureAwait(false);

        foreach (var job in await store.ListAsync(includeFinished: false, ct).ConfigureAwait(false))
        {
            await FollowAsync(scope, job, ct).ConfigureAwait(false);
        }

        var jobs = await store.ListAsync(includeFinished: false, ct).ConfigureAwait(false);
        await LaunchWaitingAsync(scope, jobs, ct).ConfigureAwait(false);
        return new TrainingTickReport(scope.Changes);
    }

    private async Task AddPolicyJobsAsync(TickScope scope, CancellationToken ct)
    {
        foreach (var spec in scope.Training.Jobs)
        {
            var job = new TrainingJob
            {
                Spec = spec, State = TrainingJobState.Queued, Source = "policy", SubmittedAt = scope.Now,
                UpdatedAt = scope.Now, Reason = "queued from the policy",
            };
            if (await store.AddAsync(job, ct).ConfigureAwait(false))
            {
                scope.Changes.Add(new(job.Id, TrainingJobState.Queued, TrainingJobState.Queued, job.Reason));
            }
        }
    }

    private Task FollowAsync(TickScope scope, TrainingJob job, CancellationToken ct) => job.State switch
    {
        TrainingJobState.Running or TrainingJobState.Checkpointing => ObserveAsync(scope, job, ct),
        TrainingJobState.Launching when job.LaunchLeaseUntil <= scope.Now => ResumeLaunchAsync(scope, job, ct),
        TrainingJobState.Preempted => AfterPreemptionAsync(scope, job, ct),
        TrainingJobState.Succeeded when job.AwaitsChain => ChainAsync(scope, job, ct),
        // Only waiting jobs expire: a running job past its deadline is doing the work and keeps running.
        TrainingJobState.Queued or TrainingJobState.Relaunching when job.Spec.Deadline <= scope.Now =>
            ExpireAsync(scope, job, ct),
        _ => Task.CompletedTask,
    };

    private async Task ExpireAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        var expired = await SaveAsync(scope, job, job with
        {
            State = TrainingJobState.Expired,
            FinishedAt = scope.Now,
            Reason = $"deadline {job.Spec.Deadline:u} passed before the job could start; last waited for: " +
                (job.Reason ?? "nothing recorded"),
        }, ct).ConfigureAwait(false);
        if (expired is not null)
        {
            await notices.RecordAsync(scope.Tick.Policy, expired, "expired", ct).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a change over the version it was made from; null when another tick got there first.</summary>
    private async Task<TrainingJob?> SaveAsync(TickScope scope, TrainingJob from, TrainingJob to, CancellationToken ct)
    {
        var saved = await store.TryReplaceAsync(to with { UpdatedAt = scope.Now }, ct).ConfigureAwait(false);
        if (saved is null)
        {
            LogLostRace(from.Id, from.State.ToString());
            return null;
        }

        if (from.State != saved.State || from.Reason != saved.Reason)
        {
            scope.Changes.Add(new(saved.Id, from.State, saved.State, saved.Reason));
            LogChanged(saved.Id, from.State.ToString(), saved.State.ToString(), saved.Reason ?? string.Empty);
        }

        return saved;
    }

    private sealed record TickScope(TrainingTick Tick, DateTimeOffset Now, TrainingPrices Prices)
    {
        public TrainingPolicy Training => Tick.Policy.Training;

        public List<TrainingJobChange> Changes { get; } = [];

        public string? Project(TrainingJob job) => job.Spec.Project ?? Training.Project;

        public bool DeadlineNear(TrainingJob job) =>
            job.Spec.Deadline is { } deadline && deadline - Now <= Training.Limits.DeadlineMargin;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Training job {Job}: {From} -> {To}: {Reason}")]
    private partial void LogChanged(string job, string from, string to, string reason);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Training job {Job} ({State}) was changed by another run first; this run leaves it")]
    private partial void LogLostRace(string job, string state);
}
