using Frugal.Hosting.ModelArchive;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Frugal.Functions;

/// <summary>
/// The <c>ArchiveStaleModels</c> timer: on the schedule in the app setting <c>FrugalArchiveStaleModelsSchedule</c>
/// (NCRONTAB), finishes unfinished version moves and archives stale model versions as the policy says.
/// </summary>
internal sealed partial class ArchiveStaleModelsFunction(
    ArchiveStaleModelsStep step, ILogger<ArchiveStaleModelsFunction> logger)
{
    [Function("ArchiveStaleModels")]
    public async Task RunAsync(
        [TimerTrigger("%FrugalArchiveStaleModelsSchedule%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue();
        }

        await step.RunAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "ArchiveStaleModels is running late (past due)")]
    private partial void LogPastDue();
}
