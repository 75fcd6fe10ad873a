using System.Text;
using Frugal.Engine;
using Frugal.Engine.GpuJobs;
using Frugal.Hosting.Steps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Hosting.GpuJobs;

/// <summary>
/// <c>RecordGpuJobResults</c>, for <c>frugal serve</c> (the Functions app has its queue trigger instead): drains
/// the worker's results queue and records each result once. A message that is not a result is moved to the poison
/// queue with the reason at once; one that cannot be recorded now (Frugal's own policy unusable) stays on the
/// queue and comes back on a later run.
/// </summary>
public sealed partial class RecordGpuJobResultsStep(
    IGpuResultInbox inbox, GpuJobDispatch dispatch, IOptions<FrugalHostOptions> options,
    ILogger<RecordGpuJobResultsStep> logger) : IScheduledStep
{
    private const int Batch = 32;

    public string Name => "RecordGpuJobResults";

    public string DefaultSchedule => "0 * * * * *";

    public async Task RunAsync(CancellationToken ct)
    {
        if (!inbox.IsConfigured)
        {
            return;
        }

        var settings = options.Value;
        var request = new BudgetJobRequest(settings.PolicyPath, [.. settings.FocusPaths], settings.StatePath);
        var (recorded, poisoned) = (0, 0);
        IReadOnlyList<GpuResultDelivery> batch;
        do
        {
            batch = await inbox.ReceiveAsync(Batch, ct).ConfigureAwait(false);
            foreach (var delivery in batch)
            {
                var outcome = await SettleAsync(request, delivery, ct).ConfigureAwait(false);
                (recorded, poisoned) = (recorded + (outcome == true ? 1 : 0), poisoned + (outcome == false ? 1 : 0));
            }
        }
        while (batch.Count == Batch);

        LogRan(recorded, poisoned);
    }

    /// <summary>True when settled by recording, false when poisoned, null when left for a later run.</summary>
    private async Task<bool?> SettleAsync(BudgetJobRequest request, GpuResultDelivery delivery, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        try
        {
            GpuJobResultReader.Read(body);
        }
        catch (FrugalInputException ex)
        {
            LogPoisoned(delivery.MessageId, ex.Message);
            await inbox.PoisonAsync(delivery, ex.Message, ct).ConfigureAwait(false);
            return false;
        }

        try
        {
            await dispatch.RecordResultAsync(request, body, ct).ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            LogNotRecorded(ex, delivery.MessageId);
            return null;
        }

        await inbox.CompleteAsync(delivery, ct).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 3730, Level = LogLevel.Information,
        Message = "RecordGpuJobResults: {Recorded} results taken in, {Poisoned} moved to the poison queue")]
    private partial void LogRan(int recorded, int poisoned);

    [LoggerMessage(EventId = 3731, Level = LogLevel.Warning,
        Message = "GPU result message {MessageId} is not a result, moved to the poison queue: {Reason}")]
    private partial void LogPoisoned(string messageId, string reason);

    [LoggerMessage(EventId = 3732, Level = LogLevel.Error,
        Message = "GPU result message {MessageId} could not be recorded; it stays on the queue for the next run")]
    private partial void LogNotRecorded(Exception exception, string messageId);
}
