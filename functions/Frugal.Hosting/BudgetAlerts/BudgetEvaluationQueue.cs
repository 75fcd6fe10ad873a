using System.Threading.Channels;
using Frugal.Engine.BudgetEvents;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frugal.Hosting.BudgetAlerts;

/// <summary>
/// Evaluates budgets in the background when a budget alert asks for it, so that the webhook answers at once.
/// Requests that arrive while one is waiting are folded into it. The evaluation is the scheduled main job itself,
/// so an alert and the timer plan the same way and crossing keys keep every action once-only between them.
/// On a Functions Consumption plan the instance may be frozen once the answer is sent, delaying this run; the alert
/// is already recorded, so the next timer run evaluates with it. A queue-triggered function would close that gap.
/// </summary>
public sealed partial class BudgetEvaluationQueue(PollBillingStep job, ILogger<BudgetEvaluationQueue> logger)
    : BackgroundService, IBudgetEvaluationTrigger
{
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly SemaphoreSlim _finished = new(0);

    public void Request(string reason)
    {
        if (_requests.Writer.TryWrite(reason))
        {
            LogQueued(reason);
        }
    }

    /// <summary>Completes when the next evaluation has finished, whatever its outcome (for hosts and tests).</summary>
    public Task WaitForEvaluationAsync(CancellationToken ct) => _finished.WaitAsync(ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var reason in _requests.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await job.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex, reason);
            }
            finally
            {
                _finished.Release();
            }
        }
    }

    public override void Dispose()
    {
        _finished.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Evaluation queued: {Reason}")]
    private partial void LogQueued(string reason);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Evaluation after {Reason} failed")]
    private partial void LogFailed(Exception exception, string reason);
}
