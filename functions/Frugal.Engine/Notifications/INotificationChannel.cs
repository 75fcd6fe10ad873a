using Frugal.Engine.Policies;

namespace Frugal.Engine.Notifications;

/// <summary>
/// Delivers notifications to channels of one kind (Slack, email, the log). Implementations render the event in
/// their own format, resolve the channel's secrets at send time, and never put a secret into a result or a log.
/// </summary>
public interface INotificationChannel
{
    ChannelKind Kind { get; }

    /// <summary>
    /// Sends one notification. <paramref name="idempotencyKey"/> is the same on every attempt at the same message,
    /// for receivers that can use it. Errors a retry may cure are returned as <see cref="DeliveryOutcome.Retry"/>,
    /// not thrown; a channel whose settings cannot be used throws <see cref="FrugalInputException"/>.
    /// </summary>
    Task<DeliveryResult> SendAsync(
        ChannelPolicy channel, NotificationEvent notification, string idempotencyKey, CancellationToken ct);
}

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>A passing failure (a timeout, a 5xx, a rate limit): try again later.</summary>
    Retry,

    /// <summary>Refused for good (a bad payload, a gone channel, a bad login): never retried.</summary>
    Rejected,
}

/// <summary>
/// What one attempt came to, with the receiver's reason in words a person can act on.
/// <see cref="RetryAfter"/> is the receiver's own wait (Slack's <c>Retry-After</c>), which overrides the backoff.
/// </summary>
public sealed record DeliveryResult(
    DeliveryOutcome Outcome, string Detail, TimeSpan? RetryAfter = null, bool ChannelGone = false)
{
    public static DeliveryResult Delivered(string detail) => new(DeliveryOutcome.Delivered, detail);

    public static DeliveryResult Retry(string detail, TimeSpan? after = null) =>
        new(DeliveryOutcome.Retry, detail, after);

    public static DeliveryResult Rejected(string detail, bool channelGone = false) =>
        new(DeliveryOutcome.Rejected, detail, ChannelGone: channelGone);
}
