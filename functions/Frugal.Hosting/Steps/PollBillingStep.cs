using Frugal.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Steps;

/// <summary>
/// The main job on a schedule: reads the cost data the policy names, takes in the budget alerts clouds pushed,
/// evaluates budgets and carries the plan out.
/// </summary>
public sealed partial class PollBillingStep(
    BudgetJob job, IOptions<FrugalHostOptions> options, ILogger<PollBillingStep> logger) : IScheduledStep
{
    public string Name => "PollBilling";

    public string DefaultSchedule => "0 0 * * * *";

    /// <summary>
    /// Runs the job. Bad input is logged and swallowed (a retry would not fix it); failed actions throw, so that
    /// the host reports the run as failed; they are retried on the next run.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, [.. settings.FocusPaths], settings.StatePath);
        try
        {
            var result = await job.RunAsync(request, ct).ConfigureAwait(false);
            var report = result.Report!;
            LogRan(result.Plan.Budgets.Count, result.Plan.Actions.Count, report.Outcomes.Count,
                report.Refusal ?? "none");
            if (report.AnyFailed)
            {
                throw new InvalidOperationException(
                    "PollBilling: some actions failed; they are retried on the next run (see frugal history)");
            }
        }
        catch (FrugalInputException ex)
        {
            LogBadInput(ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "PollBilling: {Budgets} budgets evaluated, {Planned} new actions, {Settled} settled, " +
            "refusal: {Refusal}")]
    private partial void LogRan(int budgets, int planned, int settled, string refusal);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "PollBilling cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
