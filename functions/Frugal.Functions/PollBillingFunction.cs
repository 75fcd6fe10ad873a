using Frugal.Hosting.Steps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Frugal.Functions;

/// <summary>
/// The <c>PollBilling</c> timer: on the schedule in the app setting <c>FrugalPollBillingSchedule</c> (NCRONTAB),
/// runs the main job's step (<see cref="PollBillingStep"/>): read costs, evaluate budgets, carry the plan out.
/// </summary>
internal sealed partial class PollBillingFunction(PollBillingStep step, ILogger<PollBillingFunction> logger)
{
    [Function("PollBilling")]
    public Task RunAsync([TimerTrigger("%FrugalPollBillingSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        return step.RunAsync(ct);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "PollBilling is running late (past due)")]
    private partial void LogPastDue();
}
