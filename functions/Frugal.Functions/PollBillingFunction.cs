using Frugal.Engine;
using Frugal.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Functions;

/// <summary>
/// The <c>PollBilling</c> timer: on the schedule in the app setting <c>FrugalPollBillingSchedule</c> (NCRONTAB),
/// reads the cost data the policy names, evaluates budgets and carries the plan out.
/// </summary>
internal sealed partial class PollBillingFunction(
    BudgetJob job, IOptions<FrugalHostOptions> options, ILogger<PollBillingFunction> logger)
{
    [Function("PollBilling")]
    public async Task RunAsync([TimerTrigger("%FrugalPollBillingSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, [.. settings.FocusPaths], settings.StatePath);
        try
        {
            var result = await job.RunAsync(request, ct).ConfigureAwait(false);
            var report = result.Report!;
            LogRan(result.Plan.Budgets.Count, result.Plan.Actions.Count, report.Outcomes.Count, report.Refusal ?? "none");
            if (report.AnyFailed)
            {
                throw new InvalidOperationException(
                    "PollBilling: some actions or notifications failed; they are retried on the next run (see frugal history)");
            }
        }
        catch (FrugalInputException ex)
        {
            // Bad input will not fix itself on a retry: say so once, plainly, and let the next schedule try again.
            LogBadInput(ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "PollBilling is running late (past due)")]
    private partial void LogPastDue();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "PollBilling: {Budgets} budgets evaluated, {Planned} new actions, {Settled} settled, refusal: {Refusal}")]
    private partial void LogRan(int budgets, int planned, int settled, string refusal);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "PollBilling cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
