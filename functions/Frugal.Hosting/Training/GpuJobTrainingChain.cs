using Frugal.Engine;
using Frugal.Engine.GpuJobs;
using Frugal.Engine.Training;
using Frugal.Hosting.GpuJobs;

namespace Frugal.Hosting.Training;

/// <summary>
/// Chained GPU jobs through the host's GPU job intake, in the same policy and state as the training queue: the
/// budgets are evaluated, the job recorded, then sent or held, exactly as <c>POST /api/gpu-jobs</c> does.
/// </summary>
internal sealed class GpuJobTrainingChain(GpuJobDispatch dispatch, BudgetJobRequest request) : ITrainingChain
{
    public async Task<ChainedGpuJobResult> SubmitGpuJobAsync(GpuJobRequest job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            var submission = await dispatch.SubmitCheckedAsync(request, job, ct).ConfigureAwait(false);
            if (submission.Conflict)
            {
                return new ChainedGpuJobResult(false, $"a different GPU job has the id {job.Id}");
            }

            var stored = submission.Job;
            return new ChainedGpuJobResult(true, $"{stored.State.ToString().ToLowerInvariant()} ({stored.Reason})");
        }
        catch (FrugalInputException ex)
        {
            // No GPU queue configured, or no cost data to judge the budget: nothing was recorded; retried next run.
            return new ChainedGpuJobResult(false, ex.Message);
        }
    }
}
