using Frugal.Engine.Autoscaling;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting;

/// <summary>
/// The scheduled <c>AdjustAutoscaling</c> step of a long-running host (the Functions timer, <c>frugal serve</c>):
/// one reconciler run in apply mode on the host's policy. Safe to run as often as wanted: it is level-triggered
/// and changes only what differs.
/// </summary>
public sealed partial class AdjustAutoscalingStep(
    AutoscalingJob job,
    IOptions<FrugalHostOptions> options,
    TimeProvider time,
    ILogger<AdjustAutoscalingStep> logger) : IScheduledStep
{
    public const string StepName = "AdjustAutoscaling";

    public string Name => StepName;

    /// <summary>Every five minutes: schedule windows open and close on the minute a person expects.</summary>
    public string DefaultSchedule => "0 */5 * * * *";

    Task IScheduledStep.RunAsync(CancellationToken ct) => RunAsync(time.GetUtcNow(), ct);

    /// <summary>Runs once as of <paramref name="now"/>; throws when a change failed or a listing did.</summary>
    public async Task<AutoscalingRun> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var settings = options.Value;
        var request = new AutoscalingJobRequest(
            settings.PolicyPath, AutoscalingMode.Apply, [.. settings.FocusPaths], At: now);
        var result = await job.RunAsync(request, ct).ConfigureAwait(false);
        var run = result.Run;
        LogRan(run.Plan.Changes.Count, run.Outcomes.Count(o => o.Succeeded), run.Plan.Deferred.Count,
            run.Plan.Skipped.Count, run.Plan.DryRun);
        if (run.AnyFailed)
        {
            throw new InvalidOperationException(
                $"{StepName}: {run.Outcomes.Count(o => !o.Succeeded)} changes failed and {run.Problems.Count} "
                + "clusters or namespaces could not be read; the next run tries again");
        }

        return run;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message =
        "AdjustAutoscaling: {Planned} changes planned, {Done} made, {Deferred} deferred, {Skipped} left alone " +
        "(dry run: {DryRun})")]
    private partial void LogRan(int planned, int done, int deferred, int skipped, bool dryRun);
}
