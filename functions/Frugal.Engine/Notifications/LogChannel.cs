using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Notifications;

/// <summary>The <c>console</c> channel: writes each notification to the log, which the CLI shows on stderr.</summary>
public sealed partial class LogChannel(ILogger<LogChannel> logger) : INotificationChannel
{
    public ChannelKind Kind => ChannelKind.Console;

    public Task<DeliveryResult> SendAsync(
        ChannelPolicy channel, NotificationEvent notification, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(notification);
        LogNotification(channel.Name, notification.Headline, notification.Summary);
        return Task.FromResult(DeliveryResult.Delivered("written to the log"));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "[notify {Channel}] {Headline}: {Summary}")]
    private partial void LogNotification(string channel, string headline, string summary);
}
