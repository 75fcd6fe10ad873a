using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;

namespace Frugal.Notifications.CrashHost;

/// <summary>Says it is sending, then waits forever: the moment a crash test kills the process.</summary>
internal sealed class BlockingChannel(INotificationChannel inner) : INotificationChannel
{
    public ChannelKind Kind => inner.Kind;

    public async Task<DeliveryResult> SendAsync(
        ChannelPolicy channel, NotificationEvent notification, string idempotencyKey, CancellationToken ct)
    {
        Console.WriteLine("sending");
        await Console.Out.FlushAsync(ct).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        return await inner.SendAsync(channel, notification, idempotencyKey, ct).ConfigureAwait(false);
    }
}
