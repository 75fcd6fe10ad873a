using Frugal.Hosting.GpuJobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Frugal.Functions;

/// <summary>
/// The <c>ReleaseHeldGpuJobs</c> timer: on the schedule in the app setting <c>FrugalReleaseHeldGpuJobsSchedule</c>
/// (NCRONTAB), sends the held GPU jobs whose budget no longer holds them.
/// </summary>
internal sealed partial class ReleaseHeldGpuJobsFunction(
    ReleaseHeldGpuJobsStep step, ILogger<ReleaseHeldGpuJobsFunction> logger)
{
    [Function(ReleaseHeldGpuJobsStep.StepName)]
    public async Task RunAsync(
        [TimerTrigger("%FrugalReleaseHeldGpuJobsSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        await step.RunAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "ReleaseHeldGpuJobs is running late (past due)")]
    private partial void LogPastDue();
}
