using System.Text.Json;
using Azure.Core;
using Azure.Storage.Queues;
using Frugal.Engine.GpuJobs;

namespace Frugal.Azure;

/// <summary>
/// The worker's results queue on Azure Storage, read the way a Functions queue trigger reads it: messages are
/// Base64, and one that cannot be read goes to <c>{queue}-poison</c> (here as <c>{"message", "reason"}</c>, Base64,
/// the shape the worker uses for its own poison queue). A message not settled within the visibility timeout is
/// delivered again.
/// </summary>
public sealed class AzureGpuResultInbox : IGpuResultInbox
{
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly QueueClient _results;
    private readonly QueueClient _poison;

    public AzureGpuResultInbox(string connectionString, string queueName)
        : this(new QueueServiceClient(
            connectionString ?? throw new ArgumentNullException(nameof(connectionString)), Options()), queueName)
    {
    }

    /// <summary>The queue reached at <paramref name="serviceUri"/> with <paramref name="credential"/>.</summary>
    public AzureGpuResultInbox(Uri serviceUri, TokenCredential credential, string queueName)
        : this(new QueueServiceClient(serviceUri, credential, Options()), queueName)
    {
    }

    private AzureGpuResultInbox(QueueServiceClient service, string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        _results = service.GetQueueClient(queueName);
        _poison = service.GetQueueClient(queueName + "-poison");
    }

    private static QueueClientOptions Options()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        return options;
    }

    public bool IsConfigured => true;

    public async Task<IReadOnlyList<GpuResultDelivery>> ReceiveAsync(int max, CancellationToken ct)
    {
        if (!await _results.ExistsAsync(ct).ConfigureAwait(false))
        {
            return [];
        }

        var received = await _results.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), Visibility, ct)
            .ConfigureAwait(false);
        return [.. received.Value.Select(m => new GpuResultDelivery(m.MessageId, m.PopReceipt, m.Body.ToString(),
            m.DequeueCount))];
    }

    public async Task CompleteAsync(GpuResultDelivery delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _results.DeleteMessageAsync(delivery.MessageId, delivery.Receipt, ct).ConfigureAwait(false);
    }

    public async Task PoisonAsync(GpuResultDelivery delivery, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _poison.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        var kept = JsonSerializer.Serialize(new { message = delivery.Body, reason }, Json);
        await _poison.SendMessageAsync(kept, ct).ConfigureAwait(false);
        await CompleteAsync(delivery, ct).ConfigureAwait(false);
    }
}
