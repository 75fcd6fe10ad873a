using Frugal.Engine;
using Frugal.Engine.Training;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Training;

/// <summary>
/// The <c>LaunchOffPeakTraining</c> step: one run of the training scheduler. The Functions timer of that name and
/// <c>frugal serve</c> run it every few minutes; overlapping runs are safe (each job changes by compare-and-swap).
/// </summary>
public sealed partial class LaunchOffPeakTrainingStep(
    TrainingQueueJob job, IOptions<FrugalHostOptions> options, ILogger<LaunchOffPeakTrainingStep> logger)
    : IScheduledStep
{
    public string Name => "LaunchOffPeakTraining";

    /// <summary>Every five minutes: preemptions are noticed and windows opened within that time.</summary>
    public string DefaultSchedule => "0 */5 * * * *";

    public async Task RunAsync(CancellationToken ct) => await RunOnceAsync(ct).ConfigureAwait(false);

    /// <summary>Runs once; null when the input is bad (logged once, plainly: a retry would not fix it).</summary>
    public async Task<TrainingTickReport?> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            var report = await job.TickAsync(new TrainingQueueRequest(settings.PolicyPath, settings.StatePath), ct)
                .ConfigureAwait(false);
            LogRan(report.Changes.Count, string.Join("; ", report.Changes.Select(c => $"{c.Job} {c.From}->{c.To}")));
            return report;
        }
        catch (FrugalInputException ex)
        {
            LogBadInput(ex, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 5050, Level = LogLevel.Information,
        Message = "LaunchOffPeakTraining: {Changed} job changes: {Changes}")]
    private partial void LogRan(int changed, string changes);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Error, Message = "LaunchOffPeakTraining cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
