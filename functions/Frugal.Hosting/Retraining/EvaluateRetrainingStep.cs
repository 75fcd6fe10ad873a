using Frugal.Engine;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.Retraining;

/// <summary>
/// The <c>EvaluateRetraining</c> step: every model with a retraining rule is evaluated, so version age, a lifted
/// budget hold or a passed minimum interval lead to a retraining even when no new signal arrives.
/// </summary>
public sealed partial class EvaluateRetrainingStep(
    RetrainingJob job, IOptions<FrugalHostOptions> options, ILogger<EvaluateRetrainingStep> logger) : IScheduledStep
{
    public string Name => "EvaluateRetraining";

    /// <summary>Hourly at ten past: signals are evaluated as they arrive; this catches age and lifted holds.</summary>
    public string DefaultSchedule => "0 10 * * * *";

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        try
        {
            var decisions = await job.EvaluateAsync(
                new RetrainingRequest(settings.PolicyPath, settings.StatePath, FocusPaths: [.. settings.FocusPaths]),
                ct).ConfigureAwait(false);
            LogRan(decisions.Count, decisions.Count(d => d.Outcome == "queued"),
                decisions.Count(d => d.Outcome == "deferred"));
        }
        catch (FrugalInputException ex)
        {
            LogBadInput(ex, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3312, Level = LogLevel.Information,
        Message = "EvaluateRetraining: {Models} models evaluated, {Queued} retrainings queued, {Deferred} deferred")]
    private partial void LogRan(int models, int queued, int deferred);

    [LoggerMessage(EventId = 3313, Level = LogLevel.Error, Message = "EvaluateRetraining cannot run: {Reason}")]
    private partial void LogBadInput(Exception exception, string reason);
}
