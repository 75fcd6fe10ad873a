using Frugal.Engine.GpuJobs;

namespace Frugal.Engine.Training;

/// <summary>
/// Where a GPU job chained on a training run's success goes: the host's GPU job intake (recorded, then sent to the
/// worker pool or held by its budget). The id is derived from the training job, so a repeat submits nothing new.
/// </summary>
public interface ITrainingChain
{
    /// <summary>Submits the job once; the answer says what became of it, or why it was not submitted.</summary>
    Task<ChainedGpuJobResult> SubmitGpuJobAsync(GpuJobRequest request, CancellationToken ct);
}

/// <summary>
/// <see cref="Submitted"/>: the job is recorded, and <see cref="Detail"/> says where it stands (sent, held and
/// why). Otherwise nothing was recorded and <see cref="Detail"/> says why; the scheduler tries again next run.
/// </summary>
public sealed record ChainedGpuJobResult(bool Submitted, string Detail);
