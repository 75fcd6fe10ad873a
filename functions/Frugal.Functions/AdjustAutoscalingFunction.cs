using Frugal.Engine;
using Frugal.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Frugal.Functions;

/// <summary>
/// The <c>AdjustAutoscaling</c> timer: on the schedule in the app setting <c>FrugalAdjustAutoscalingSchedule</c>
/// (NCRONTAB), sets the Kubernetes autoscaler limits the policy wants now (schedules and budget caps), and puts
/// back the originals where nothing holds them any more.
/// </summary>
internal sealed partial class AdjustAutoscalingFunction(
    AdjustAutoscalingStep step, TimeProvider time, ILogger<AdjustAutoscalingFunction> logger)
{
    [Function(AdjustAutoscalingStep.StepName)]
    public async Task RunAsync(
        [TimerTrigger("%FrugalAdjustAutoscalingSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        try
        {
            await step.RunAsync(time.GetUtcNow(), ct).ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            // Bad input will not fix itself on a retry: say so once, plainly, and let the next schedule try again.
            LogBadInput(ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "AdjustAutoscaling is running late (past due)")]
    private partial void LogPastDue();

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "AdjustAutoscaling cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
