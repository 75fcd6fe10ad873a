using System.Collections.Concurrent;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;

namespace Frugal.Testing.StateContract;

/// <summary>A sender that records what it is given and answers as told, per channel name.</summary>
public sealed class ScriptedChannel(ChannelKind kind = ChannelKind.Console) : INotificationChannel
{
    private readonly ConcurrentQueue<(string Channel, NotificationEvent Event)> _received = new();

    public ChannelKind Kind => kind;

    /// <summary>The answer for a channel; delivered when not set.</summary>
    public Func<string, DeliveryResult>? Answer { get; init; }

    /// <summary>Stands for the process dying inside the send: the run is cancelled before any outcome.</summary>
    public CancellationTokenSource? DieWith { get; init; }

    public IReadOnlyCollection<(string Channel, NotificationEvent Event)> Received => _received;

    public int Calls => _received.Count;

    public int CallsTo(string channel) => _received.Count(r => r.Channel == channel);

    public Task<DeliveryResult> SendAsync(
        ChannelPolicy channel, NotificationEvent notification, string idempotencyKey, CancellationToken ct)
    {
        if (DieWith is not null)
        {
            DieWith.Cancel();
            DieWith.Token.ThrowIfCancellationRequested();
        }

        _received.Enqueue((channel.Name, notification));
        return Task.FromResult(Answer?.Invoke(channel.Name) ?? DeliveryResult.Delivered("sent"));
    }
}
