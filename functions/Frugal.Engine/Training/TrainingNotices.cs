using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine.Training;

/// <summary>
/// Tells people when a job ends badly (expired, failed, given up after preemptions): one event per job, attempt
/// and outcome, recorded in the notification outbox with its audit line, so a repeated tick tells no one twice.
/// </summary>
public sealed class TrainingNotices(IStateStore store)
{
    public async Task RecordAsync(FrugalPolicy policy, TrainingJob job, string outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(job);
        var severity = job.State == TrainingJobState.Expired ? NotificationSeverity.Warning
            : NotificationSeverity.Critical;
        var told = new NotificationEvent
        {
            Key = $"training|{job.Id}|{job.Attempt}|{outcome}",
            Kind = NotificationEventKind.TrainingJob,
            Severity = severity,
            At = job.UpdatedAt,
            Headline = $"training job {job.Id} {outcome}",
            Summary = job.Reason ?? outcome,
            Steps = Steps(job),
        };
        var envelopes = NotificationRouter.Channels(policy, told.Kind, severity)
            .Select(channel => new NotificationEnvelope(channel, told))
            .ToList();
        await store.RecordEventAsync(
            new AuditEntry(job.UpdatedAt, AuditKind.Training, $"{told.Headline}: {told.Summary}", job.Spec.Budget,
                told.Key),
            envelopes, ct).ConfigureAwait(false);
    }

    /// <summary>The audit line of a succeeded job's <c>onSuccess</c> step: what it started, and its id.</summary>
    public async Task RecordChainedAsync(TrainingJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Chained is not { } run)
        {
            return;
        }

        await store.RecordEventAsync(
            new AuditEntry(job.UpdatedAt, AuditKind.Training,
                $"training job {job.Id} succeeded; started {run.What} {run.JobId}: {run.Status}", job.Spec.Budget,
                $"training|{job.Id}|chained|{run.JobId}", "chained"),
            [], ct).ConfigureAwait(false);
    }

    private static List<string> Steps(TrainingJob job)
    {
        var steps = new List<string> { $"attempts {job.Attempt}, restarts after preemption {job.Restarts}" };
        if (job.Costs.Actual is { } actual)
        {
            steps.Add($"cost so far {actual}");
        }

        if (job.GpuMinutesLost > 0)
        {
            steps.Add($"GPU-minutes lost to preemption {job.GpuMinutesLost:0.#}");
        }

        return steps;
    }
}
