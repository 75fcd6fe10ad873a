using Frugal.Engine.Budgets;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.GpuJobs;

/// <summary>
/// The control plane's side of the worker pool: takes a checked job in (recorded first, then sent, or held with
/// the reason), sends held jobs whose hold cleared, and records the worker's results once each. Recording before
/// sending means a send that fails leaves the job <see cref="GpuJobState.Submitted"/>, and the release step sends
/// it later. Only the submission that recorded a job sends it, so the same job posted twice at once (two
/// instances, a client's retry) is one message; a job the release step sends again is run once by the worker.
/// </summary>
public sealed partial class GpuJobIntake(
    IGpuJobStore store, IGpuJobQueue queue, TimeProvider time, ILogger<GpuJobIntake> logger)
{
    /// <summary>
    /// Records, then sends or holds, a job. The same id again changes nothing: a job recorded and not yet sent is
    /// being sent by the submission that recorded it, or, if that send failed, by the release step.
    /// </summary>
    public async Task<GpuJobSubmission> SubmitAsync(
        GpuJobRequest request, IReadOnlyList<BudgetStatus> statuses, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = GpuJobAdmission.Decide(request, statuses);
        if (decision.Send && !queue.IsConfigured)
        {
            throw new FrugalInputException(
                $"job {request.Id} would be sent, but no GPU job queue is configured " +
                "(Frugal:GpuJobs:ConnectionString)");
        }

        var state = decision.Send ? GpuJobState.Submitted : GpuJobState.Held;
        var recorded = await store.SubmitAsync(request, state, decision.Reason, time.GetUtcNow(), ct)
            .ConfigureAwait(false);
        var job = recorded.Job;
        if (!recorded.Created && job.Request != request)
        {
            return new GpuJobSubmission(job, Duplicate: true, Conflict: true);
        }

        if (recorded.Created && job.State == GpuJobState.Submitted && queue.IsConfigured)
        {
            job = await SendAsync(job, decision.Reason, ct).ConfigureAwait(false);
        }
        else if (recorded.Created)
        {
            LogHeld(request.Id, request.Budget, decision.Reason);
        }

        return new GpuJobSubmission(job, Duplicate: !recorded.Created, Conflict: false);
    }

    /// <summary>Decides again for every waiting job; sends those free to go, and keeps the rest held.</summary>
    public async Task<IReadOnlyList<GpuJob>> ReleaseAsync(IReadOnlyList<BudgetStatus> statuses, CancellationToken ct)
    {
        var sent = new List<GpuJob>();
        foreach (var job in await store.ReadWaitingAsync(ct).ConfigureAwait(false))
        {
            var decision = GpuJobAdmission.Decide(job.Request!, statuses);
            if (!decision.Send)
            {
                if (job.State != GpuJobState.Held || job.Reason != decision.Reason)
                {
                    await store.MarkHeldAsync(job.Id, decision.Reason, ct).ConfigureAwait(false);
                }

                continue;
            }

            var reason = job.State == GpuJobState.Held ? $"released: {decision.Reason}" : decision.Reason;
            sent.Add(await SendAsync(job, reason, ct).ConfigureAwait(false));
        }

        return sent;
    }

    /// <summary>Records a result; false when the job already had one (a redelivery, a duplicate).</summary>
    public async Task<bool> RecordAsync(GpuJobResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var recorded = await store.RecordResultAsync(result, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (recorded)
        {
            LogFinished(result.Id, result.Succeeded ? "succeeded" : "failed", result.Model, result.Version ?? "-",
                result.Predictions, result.GpuSeconds, result.Cost.ToString(), result.Error ?? "none");
        }
        else
        {
            LogRepeatedResult(result.Id);
        }

        return recorded;
    }

    /// <summary>
    /// Sends a recorded job. A send that fails leaves it <see cref="GpuJobState.Submitted"/>: it is recorded, and
    /// the release step sends it on its next run, so the failure is reported in the reason, not thrown.
    /// </summary>
    private async Task<GpuJob> SendAsync(GpuJob job, string reason, CancellationToken ct)
    {
        var request = job.Request!;
        try
        {
            await queue.SendAsync(GpuJobMessage.From(request), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSendFailed(ex, job.Id);
            return job with
            {
                State = GpuJobState.Submitted,
                Reason = $"recorded, not yet sent ({ex.GetType().Name}: {ex.Message}); the release step retries",
            };
        }

        var at = time.GetUtcNow();
        await store.MarkEnqueuedAsync(job.Id, reason, at, ct).ConfigureAwait(false);
        LogSent(job.Id, GpuJobWords.Of(request.Priority), request.Budget, reason);
        return job with { State = GpuJobState.Enqueued, Reason = reason, EnqueuedAt = at };
    }

    [LoggerMessage(EventId = 3700, Level = LogLevel.Information,
        Message = "GPU job {JobId} sent ({Priority} priority, budget {Budget}): {Reason}")]
    private partial void LogSent(string jobId, string priority, string budget, string reason);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Information,
        Message = "GPU job {JobId} held (budget {Budget}): {Reason}")]
    private partial void LogHeld(string jobId, string budget, string reason);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information,
        Message = "GPU job {JobId} {Status} on {Model} version {Version}: {Predictions} predictions, " +
            "{GpuSeconds} GPU-seconds, {Cost}; error: {Error}")]
    private partial void LogFinished(
        string jobId, string status, string model, string version, long predictions, decimal gpuSeconds, string cost,
        string error);

    [LoggerMessage(EventId = 3704, Level = LogLevel.Warning,
        Message = "GPU job {JobId} could not be sent; it stays recorded and the release step sends it")]
    private partial void LogSendFailed(Exception exception, string jobId);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Information,
        Message = "GPU job {JobId}: result already recorded; this one is not counted again")]
    private partial void LogRepeatedResult(string jobId);
}

/// <summary>
/// What became of a submission: the job as it now stands, whether the id was known already, and whether the
/// known job differs from this request (the same id cannot name two different jobs).
/// </summary>
public sealed record GpuJobSubmission(GpuJob Job, bool Duplicate, bool Conflict);
