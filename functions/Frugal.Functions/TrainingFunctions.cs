using Frugal.Hosting.Training;
using Frugal.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Frugal.Functions;

/// <summary>
/// The <c>LaunchOffPeakTraining</c> timer (schedule in the app setting <c>FrugalLaunchOffPeakTrainingSchedule</c>)
/// and <c>POST /api/training-jobs</c>, which authenticates callers itself (hence an anonymous trigger).
/// </summary>
internal sealed partial class TrainingFunctions(
    LaunchOffPeakTrainingStep step, TrainingJobHandler jobs, ILogger<TrainingFunctions> logger)
{
    [Function("LaunchOffPeakTraining")]
    public async Task RunAsync(
        [TimerTrigger("%FrugalLaunchOffPeakTrainingSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        await step.RunAsync(ct).ConfigureAwait(false);
    }

    [Function("SubmitTrainingJob")]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "training-jobs")] HttpRequest request,
        CancellationToken ct) =>
        await jobs.SubmitAsync(request, ct).ConfigureAwait(false);

    [LoggerMessage(EventId = 5070, Level = LogLevel.Warning,
        Message = "LaunchOffPeakTraining is running late (past due)")]
    private partial void LogPastDue();
}
