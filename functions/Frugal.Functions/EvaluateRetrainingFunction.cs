using Frugal.Hosting.Retraining;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Frugal.Functions;

/// <summary>
/// The <c>EvaluateRetraining</c> timer: on the schedule in the app setting <c>FrugalEvaluateRetrainingSchedule</c>
/// (NCRONTAB), evaluates every model's retraining rule and queues the retrainings that are due.
/// </summary>
internal sealed partial class EvaluateRetrainingFunction(
    EvaluateRetrainingStep step, ILogger<EvaluateRetrainingFunction> logger)
{
    [Function("EvaluateRetraining")]
    public async Task RunAsync(
        [TimerTrigger("%FrugalEvaluateRetrainingSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        await step.RunAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "EvaluateRetraining is running late (past due)")]
    private partial void LogPastDue();
}
