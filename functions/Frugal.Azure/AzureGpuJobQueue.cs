using Azure;
using Azure.Core;
using Azure.Storage.Queues;
using Frugal.Engine.GpuJobs;

namespace Frugal.Azure;

/// <summary>
/// The gpu-worker pool's Azure Storage queues: normal jobs to <c>{queue}</c>, high-priority ones to
/// <c>{queue}-high</c>, as plain UTF-8 JSON (the worker reads plain or Base64). Messages never expire: a job waits
/// for a worker however long the pool is down. The SDK's retry policy retries throttling and server errors with
/// backoff and honours <c>Retry-After</c>; each send is also bounded by an overall timeout.
/// </summary>
public sealed class AzureGpuJobQueue : IGpuJobQueue
{
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient _normal;
    private readonly QueueClient _high;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    public AzureGpuJobQueue(string connectionString, string queueName, TimeSpan timeout)
        : this(
            new QueueServiceClient(
                connectionString ?? throw new ArgumentNullException(nameof(connectionString)), Options()),
            queueName,
            timeout)
    {
    }

    /// <summary>Queues reached at <paramref name="serviceUri"/> with <paramref name="credential"/>.</summary>
    public AzureGpuJobQueue(Uri serviceUri, TokenCredential credential, string queueName, TimeSpan timeout)
        : this(new QueueServiceClient(serviceUri, credential, Options()), queueName, timeout)
    {
    }

    private AzureGpuJobQueue(QueueServiceClient service, string queueName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        _normal = service.GetQueueClient(queueName);
        _high = service.GetQueueClient(queueName + "-high");
        _timeout = timeout;
    }

    public bool IsConfigured => true;

    public string QueueName => _normal.Name;

    public async Task SendAsync(GpuJobMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(_timeout);
        await EnsureQueuesAsync(bounded.Token).ConfigureAwait(false);
        var queue = message.IsHighPriority ? _high : _normal;
        await queue.SendMessageAsync(message.ToJson(), visibilityTimeout: null, timeToLive: NeverExpires,
            bounded.Token).ConfigureAwait(false);
    }

    private static QueueClientOptions Options()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        return options;
    }

    private async Task EnsureQueuesAsync(CancellationToken ct)
    {
        if (_created)
        {
            return;
        }

        await _creating.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await _normal.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
                await _high.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
                _created = true;
            }
        }
        catch (RequestFailedException)
        {
            // A connection string limited to sending (a SAS without create) may not create queues; sending says
            // plainly whether the queue is really missing.
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }
}
