using Frugal.Engine.GpuJobs;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Training;

public sealed partial class TrainingScheduler
{
    /// <summary>Where chained GPU jobs go; null in a host without a GPU job intake (such jobs then wait).</summary>
    public ITrainingChain? Chain { get; init; }

    /// <summary>The id of the GPU job that follows a training job: one per training job, whatever runs it.</summary>
    public static string ChainedGpuJobId(string trainingJob, GpuJobKind kind) =>
        $"chain-{trainingJob}-{GpuJobWords.Of(kind)}";

    /// <summary>
    /// Starts the <c>onSuccess</c> step of a succeeded job and records it on the job. Both kinds of step are keyed
    /// by the job's id, so runs that overlap, or a run that died before recording, start it once.
    /// </summary>
    private async Task ChainAsync(TickScope scope, TrainingJob job, CancellationToken ct)
    {
        var step = job.Spec.OnSuccess!;
        var (run, problem) = step.GpuJob is { } gpu
            ? await StartGpuJobAsync(job, gpu, ct).ConfigureAwait(false)
            : await StartTrainingAsync(scope, job, step.TrainingJob!, ct).ConfigureAwait(false);
        if (run is null)
        {
            var reason = $"succeeded; {step.Describe()} not started yet: {problem}; the next run tries again";
            if (job.Reason != reason)
            {
                LogChainWaits(job.Id, step.Describe(), problem ?? string.Empty);
                await SaveAsync(scope, job, job with { Reason = reason }, ct).ConfigureAwait(false);
            }

            return;
        }

        var chained = await SaveAsync(scope, job, job with
        {
            Chained = run, Reason = $"succeeded; then {run.What} {run.JobId}: {run.Status}",
        }, ct).ConfigureAwait(false);
        if (chained is not null)
        {
            await notices.RecordChainedAsync(chained, ct).ConfigureAwait(false);
        }
    }

    private async Task<(ChainedRun? Run, string? Problem)> StartGpuJobAsync(
        TrainingJob job, ChainedGpuJobSpec gpu, CancellationToken ct)
    {
        if (Chain is null)
        {
            return (null, "this host has no GPU job intake");
        }

        var request = new GpuJobRequest(ChainedGpuJobId(job.Id, gpu.Kind), gpu.Kind, gpu.Model, gpu.Version,
            gpu.Input, gpu.Output, gpu.Priority, gpu.Precision, gpu.Budget);
        var result = await Chain.SubmitGpuJobAsync(request, ct).ConfigureAwait(false);
        return result.Submitted
            ? (new ChainedRun($"{GpuJobWords.Of(gpu.Kind)} GPU job", request.Id, result.Detail), null)
            : (null, result.Detail);
    }

    private async Task<(ChainedRun? Run, string? Problem)> StartTrainingAsync(
        TickScope scope, TrainingJob job, string name, CancellationToken ct)
    {
        if (scope.Training.Templates.FirstOrDefault(t => t.Name == name) is not { } template)
        {
            return (null, $"template {name} is no longer in the policy");
        }

        var id = TrainingTemplates.RunId(name, $"chain:{job.Id}");
        var next = new TrainingJob
        {
            Spec = TrainingTemplates.Instantiate(template, id, template.Budget ?? job.Spec.Budget),
            State = TrainingJobState.Queued, Source = "chain", SubmittedAt = scope.Now, UpdatedAt = scope.Now,
            Reason = $"queued after {job.Id} succeeded",
        };
        var added = await store.AddAsync(next, ct).ConfigureAwait(false);
        if (added)
        {
            scope.Changes.Add(new(id, TrainingJobState.Queued, TrainingJobState.Queued, next.Reason));
        }

        return (new ChainedRun($"training run of template {name}", id, added ? "queued" : "queued already"), null);
    }

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "Training job {Job} succeeded, but its {Step} could not be started yet: {Problem}")]
    private partial void LogChainWaits(string job, string step, string problem);
}
