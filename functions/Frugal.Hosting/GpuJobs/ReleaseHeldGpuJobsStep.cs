using Frugal.Engine;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// The <c>ReleaseHeldGpuJobs</c> step: evaluates the budgets again and sends the held GPU jobs whose hold cleared
/// (a new period, a raised budget, spend corrected), and any job recorded but not yet sent.
/// </summary>
public sealed partial class ReleaseHeldGpuJobsStep(
    GpuJobDispatch dispatch, IOptions<FrugalHostOptions> options, ILogger<ReleaseHeldGpuJobsStep> logger)
    : IScheduledStep
{
    public const string StepName = "ReleaseHeldGpuJobs";

    public string Name => StepName;

    /// <summary>Every ten minutes: a held job waits at most that long once its budget clears.</summary>
    public string DefaultSchedule => "0 */10 * * * *";

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, [.. settings.FocusPaths], settings.StatePath);
        try
        {
            var sent = await dispatch.ReleaseAsync(request, ct).ConfigureAwait(false);
            LogRan(sent.Count, string.Join(", ", sent.Select(j => j.Id)));
        }
        catch (FrugalInputException ex)
        {
            LogBadInput(ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3710, Level = LogLevel.Information,
        Message = "ReleaseHeldGpuJobs: {Sent} jobs sent ({Jobs})")]
    private partial void LogRan(int sent, string jobs);

    [LoggerMessage(EventId = 3711, Level = LogLevel.Error, Message = "ReleaseHeldGpuJobs cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
