namespace Frugal.Engine.Training;

public sealed partial class TrainingScheduler
{
    /// <summary>
    /// Cancels a job: its VM, if it has one, is deleted first, then the job is marked cancelled. Null when there
    /// is no such job; a finished job is returned as it is.
    /// </summary>
    public async Task<TrainingJob?> CancelAsync(string id, CancellationToken ct)
    {
        for (var tries = 0; tries < 5; tries++)
        {
            var job = await store.GetAsync(id, ct).ConfigureAwait(false);
            if (job is null || job.IsFinished)
            {
                return job;
            }

            await DeleteVmAsync(job, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var cancelled = await store.TryReplaceAsync(job with
            {
                State = TrainingJobState.Cancelled,
                Costs = TrainingCostMath.AddRun(job.Costs, job.Placement, now),
                Placement = null,
                FinishedAt = now,
                UpdatedAt = now,
                Reason = $"cancelled while {job.State.ToString().ToLowerInvariant()}",
            }, ct).ConfigureAwait(false);
            if (cancelled is not null)
            {
                return cancelled;
            }
        }

        throw new InvalidOperationException($"training job {id} kept changing; cancel it again");
    }
}
