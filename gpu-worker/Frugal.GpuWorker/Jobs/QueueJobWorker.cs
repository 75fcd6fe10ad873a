using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Quantization;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Jobs;

/// <summary>
/// Takes jobs from the Azure Storage queues (the <c>-high</c> queue first), one at a time, and posts each result.
/// A message that is not a job, or whose job failed transiently <c>MaxAttempts</c> times, moves to the poison
/// queue with the reason; a job that can never succeed fails at once with a failed result. On shutdown the current
/// job may finish within <c>StopGraceSeconds</c>; after that it is cancelled and its message made visible again.
/// </summary>
internal sealed partial class QueueJobWorker : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly JobRunner runner;
    private readonly JobOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<QueueJobWorker> logger;
    private readonly QueueClient high;
    private readonly QueueClient normal;
    private readonly QueueClient poison;
    private readonly QueueClient results;

    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(30);

    public QueueJobWorker(
        JobRunner runner, IOptions<WorkerOptions> options, TimeProvider time, ILogger<QueueJobWorker> logger)
    {
        this.runner = runner;
        this.options = options.Value.Jobs;
        this.time = time;
        this.logger = logger;
        var connection = this.options.ConnectionString!;
        var plain = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };

        // Results and poison messages are Base64, as an Azure Functions queue trigger expects by default.
        var base64 = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        high = new QueueClient(connection, this.options.HighPriorityQueueName, plain);
        normal = new QueueClient(connection, this.options.QueueName, plain);
        poison = new QueueClient(connection, this.options.PoisonQueueName, base64);
        results = new QueueClient(connection, this.options.ResultQueueName, base64);
    }

    /// <summary>Jobs handled since start, for tests and logs.</summary>
    public int Handled { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var queue in new[] { high, normal, poison, results })
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        }

        LogListening(logger, options.QueueName, options.HighPriorityQueueName);
        while (!stoppingToken.IsCancellationRequested)
        {
            // A receive is not cancelled by the stop: one cut off after the service handed out a message would leave
            // that message invisible, unanswered, until its visibility timeout. A message received while stopping
            // is handled like any other: finished within the grace period or handed back.
            var (queue, message) = await ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
            if (message is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(options.PollIntervalSeconds), time, stoppingToken)
                    .ConfigureAwait(false);
                continue;
            }

            await HandleAsync(queue!, message, stoppingToken).ConfigureAwait(false);
            Handled++;
        }
    }

    private async Task<(QueueClient? Queue, QueueMessage? Message)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var visibility = TimeSpan.FromSeconds(options.VisibilityTimeoutSeconds);
        foreach (var queue in new[] { high, normal })
        {
            try
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                bounded.CancelAfter(ReceiveTimeout);
                var received = await queue.ReceiveMessagesAsync(1, visibility, bounded.Token).ConfigureAwait(false);
                if (received.Value.Length > 0)
                {
                    return (queue, received.Value[0]);
                }
            }
            catch (RequestFailedException exception)
            {
                LogReceiveFailed(logger, queue.Name, exception.Status, exception.ErrorCode);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogReceiveFailed(logger, queue.Name, 0, "timed out");
            }
        }

        return (null, null);
    }

    private async Task HandleAsync(QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        var text = Decode(message.Body);
        var job = Parse(text, out var parseError);
        await using var lease = new MessageLease(queue, message.MessageId, message.PopReceipt,
            TimeSpan.FromSeconds(options.VisibilityTimeoutSeconds), time, logger);
        if (job is null)
        {
            await PoisonAsync(lease, text, parseError!, (int)message.DequeueCount, null).ConfigureAwait(false);
            return;
        }

        using var jobCancellation = new CancellationTokenSource();
        using var grace = stoppingToken.Register(() => _ = CancelAfterGraceAsync(jobCancellation));
        try
        {
            var result = await runner.RunAsync(job, (int)message.DequeueCount, jobCancellation.Token)
                .ConfigureAwait(false);
            await SendResultAsync(result).ConfigureAwait(false);
            await lease.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JobInputException or QuantizationException)
        {
            LogJobFailed(logger, job.Id, exception.Message);
            await SendResultAsync(runner.Failed(job, job.Id, exception.Message, (int)message.DequeueCount))
                .ConfigureAwait(false);
            await lease.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (jobCancellation.IsCancellationRequested)
        {
            LogReturned(logger, job.Id);
            await lease.ReturnAsync(null, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await RetryOrPoisonAsync(lease, job, text, exception, (int)message.DequeueCount).ConfigureAwait(false);
        }
    }

    private async Task CancelAfterGraceAsync(CancellationTokenSource job)
    {
        await Task.Delay(TimeSpan.FromSeconds(options.StopGraceSeconds), time).ConfigureAwait(false);
        try
        {
            await job.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The job finished within its grace period.
        }
    }

    private async Task RetryOrPoisonAsync(
        MessageLease lease, JobMessage job, string text, Exception failure, int attempts)
    {
        var reason = $"{failure.GetType().Name}: {failure.Message}";
        if (attempts >= options.MaxAttempts)
        {
            await PoisonAsync(lease, text, $"failed {attempts} times; last: {reason}", attempts, job)
                .ConfigureAwait(false);
            return;
        }

        LogRetrying(logger, job.Id, attempts, options.MaxAttempts, reason);
        var updated = JsonSerializer.Serialize(job with { LastError = reason }, Json);
        await lease.ReturnAsync(updated, TimeSpan.FromSeconds(options.RetryDelaySeconds), CancellationToken.None)
            .ConfigureAwait(false);
    }

    private async Task PoisonAsync(MessageLease lease, string text, string reason, int attempts, JobMessage? job)
    {
        LogPoisoned(logger, lease.MessageId, reason);
        var body = JsonSerializer.Serialize(new PoisonMessage(text, reason, attempts), Json);
        await poison.SendMessageAsync(body).ConfigureAwait(false);
        if (job is not null)
        {
            await SendResultAsync(runner.Failed(job, job.Id, reason, attempts)).ConfigureAwait(false);
        }

        await lease.DeleteAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task SendResultAsync(JobResult result) =>
        await results.SendMessageAsync(JsonSerializer.Serialize(result, Json)).ConfigureAwait(false);

    /// <summary>Job messages may be plain JSON or Base64 (as Azure Functions output bindings write them).</summary>
    private static string Decode(BinaryData body)
    {
        var text = body.ToString();
        if (text.TrimStart().StartsWith('{'))
        {
            return text;
        }

        try
        {
            // Only a decoding that yields a JSON object counts: plain words can be valid Base64 too.
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            return decoded.TrimStart().StartsWith('{') ? decoded : text;
        }
        catch (FormatException)
        {
            return text;
        }
    }

    private static JobMessage? Parse(string text, out string? error)
    {
        try
        {
            var job = JsonSerializer.Deserialize<JobMessage>(text, Json);
            error = job is null || string.IsNullOrEmpty(job.Id) ? "the message has no job id" : null;
            return error is null ? job : null;
        }
        catch (JsonException exception)
        {
            error = $"the message is not a job: {exception.Message}";
            return null;
        }
    }

    private sealed record PoisonMessage(string Message, string Reason, int Attempts);

    [LoggerMessage(EventId = 160, Level = LogLevel.Information,
        Message = "Taking jobs from queues {Queue} and {HighQueue}")]
    private static partial void LogListening(ILogger logger, string queue, string highQueue);

    [LoggerMessage(EventId = 161, Level = LogLevel.Warning, Message = "Job {JobId} failed: {Reason}")]
    private static partial void LogJobFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 162, Level = LogLevel.Warning,
        Message = "Job {JobId} failed attempt {Attempt} of {MaxAttempts}, will retry: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string jobId, int attempt, int maxAttempts, string reason);

    [LoggerMessage(EventId = 163, Level = LogLevel.Warning,
        Message = "Message {MessageId} moved to the poison queue: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string reason);

    [LoggerMessage(EventId = 164, Level = LogLevel.Information,
        Message = "Shutting down: job {JobId} handed back to the queue")]
    private static partial void LogReturned(ILogger logger, string jobId);

    [LoggerMessage(EventId = 165, Level = LogLevel.Warning,
        Message = "Could not read queue {Queue} ({Status} {ErrorCode})")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, int status, string? errorCode);
}
