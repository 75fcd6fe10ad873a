using Frugal.Engine;
using Frugal.Engine.ModelArchive;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.ModelArchive;

/// <summary>
/// The <c>ArchiveStaleModels</c> step: apply the policy's model archive rules once. The Functions timer of that
/// name runs it, and its <see cref="Name"/>, <see cref="DefaultSchedule"/> and <see cref="RunAsync"/> have the
/// shape of a scheduled step, so <c>frugal serve</c> can run it on the same schedule.
/// </summary>
public sealed partial class ArchiveStaleModelsStep(
    ModelArchiveJob job, IOptions<FrugalHostOptions> options, ILogger<ArchiveStaleModelsStep> logger)
    : IScheduledStep
{
    public string Name => "ArchiveStaleModels";

    /// <summary>Daily at 03:30 UTC: archive work is slow, cheap to delay and best kept out of busy hours.</summary>
    public string DefaultSchedule => "0 30 3 * * *";

    public async Task RunAsync(CancellationToken ct) => await RunOnceAsync(ct).ConfigureAwait(false);

    /// <summary>Runs once; null when the input is bad (logged once, plainly: a retry would not fix it).</summary>
    public async Task<ArchiveRunResult?> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            var result = await job.ApplyAsync(new ModelArchiveRequest(settings.PolicyPath, settings.StatePath), ct)
                .ConfigureAwait(false);
            var run = result.Run;
            var saving = string.Join(" + ", run.Plan.MonthlySaving.Select(m => m.ToString()));
            LogRan(run.Plan.Decisions.Count, run.Resumed.Count, run.Outcomes.Count, run.DryRun,
                saving.Length == 0 ? "nothing" : saving, run.Refusal ?? "none");
            if (run.AnyFailed)
            {
                throw new InvalidOperationException(
                    "ArchiveStaleModels: some version changes failed; the next run completes them from the journal");
            }

            return run;
        }
        catch (FrugalInputException ex)
        {
            LogBadInput(ex, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information,
        Message = "ArchiveStaleModels: {Planned} versions planned, {Resumed} resumed, {Done} changed, "
            + "dry run {DryRun}, estimated monthly saving {Saving}, refusal: {Refusal}")]
    private partial void LogRan(int planned, int resumed, int done, bool dryRun, string saving, string refusal);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "ArchiveStaleModels cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
