using Azure;
using Azure.Storage.Queues;

namespace Frugal.GpuWorker.Jobs;

/// <summary>
/// Keeps a received message invisible while its job runs by extending its visibility before it lapses. Each
/// extension changes the pop receipt, so the latest one is kept here for the final delete or update.
/// </summary>
internal sealed partial class MessageLease : IAsyncDisposable
{
    private readonly QueueClient queue;
    private readonly TimeSpan visibility;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly Task renewing;
    private string popReceipt;

    public MessageLease(
        QueueClient queue, string messageId, string popReceipt, TimeSpan visibility, TimeProvider time, ILogger logger)
    {
        this.queue = queue;
        MessageId = messageId;
        this.popReceipt = popReceipt;
        this.visibility = visibility;
        this.time = time;
        this.logger = logger;
        renewing = RenewAsync();
    }

    public string MessageId { get; }

    public int Renewals { get; private set; }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await StopRenewingAsync().ConfigureAwait(false);
        await queue.DeleteMessageAsync(MessageId, Receipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the message back, visible after <paramref name="delay"/>, optionally with new text.</summary>
    public async Task ReturnAsync(string? text, TimeSpan delay, CancellationToken cancellationToken)
    {
        await StopRenewingAsync().ConfigureAwait(false);
        await queue.UpdateMessageAsync(MessageId, Receipt, text, delay, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopRenewingAsync().ConfigureAwait(false);
        stop.Dispose();
    }

    private string Receipt
    {
        get
        {
            lock (gate)
            {
                return popReceipt;
            }
        }
    }

    private async Task StopRenewingAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        await renewing.ConfigureAwait(false);
    }

    private async Task RenewAsync()
    {
        var interval = visibility / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, stop.Token).ConfigureAwait(false);
                var receipt = await queue.UpdateMessageAsync(MessageId, Receipt, (string?)null, visibility, stop.Token)
                    .ConfigureAwait(false);
                lock (gate)
                {
                    popReceipt = receipt.Value.PopReceipt;
                }

                Renewals++;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped because the job ended.
        }
        catch (RequestFailedException exception)
        {
            LogRenewFailed(logger, MessageId, exception.Status, exception.ErrorCode);
        }
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Warning,
        Message = "Could not extend message {MessageId} ({Status} {ErrorCode}); another worker may take the job")]
    private static partial void LogRenewFailed(ILogger logger, string messageId, int status, string? errorCode);
}
