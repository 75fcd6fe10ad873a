using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Steps;

/// <summary>
/// Runs every scheduled step in-process on its schedule, for hosts without timer triggers (<c>frugal serve</c>).
/// A step never overlaps itself: the next occurrence is computed after a run ends, so a run that overruns skips
/// the occurrences it covered rather than queueing them.
/// </summary>
public sealed partial class ScheduledStepRunner(
    IEnumerable<IScheduledStep> steps,
    IOptions<StepScheduleOptions> schedules,
    TimeProvider time,
    ILogger<ScheduledStepRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(steps.Select(step => LoopAsync(step, stoppingToken)));

    private async Task LoopAsync(IScheduledStep step, CancellationToken ct)
    {
        var schedule = schedules.Value.ScheduleOf(step);
        var cron = StepScheduleOptions.Parse(schedule);
        LogScheduled(step.Name, schedule);
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (cron.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            try
            {
                await Task.Delay(next - now, time, ct).ConfigureAwait(false);
                await step.RunAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogStepFailed(ex, step.Name);
            }
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Step {Step} runs on schedule '{Schedule}' (UTC)")]
    private partial void LogScheduled(string step, string schedule);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Step {Step} failed; it runs again on schedule")]
    private partial void LogStepFailed(Exception exception, string step);
}
