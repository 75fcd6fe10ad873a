namespace Frugal.Engine.Notifications;

/// <summary>
/// One event for one channel: one row of the notification outbox. <see cref="Key"/> is unique, so an event is
/// recorded (and delivered) at most once per channel however many runs see it.
/// </summary>
public sealed record NotificationEnvelope(string Channel, NotificationEvent Event)
{
    public string Key => NotificationKeys.ForChannel(Event.Key, Channel);
}

public enum NotificationStatus
{
    /// <summary>Waiting to be sent, or to be tried again from its retry time.</summary>
    Pending,

    /// <summary>Leased to a dispatcher; a lease that runs out makes it pending again.</summary>
    Sending,

    Delivered,

    /// <summary>Refused, or failed as often as allowed: kept for people to see, never sent again.</summary>
    DeadLettered,
}

/// <summary>An outbox row as stored.</summary>
public sealed record NotificationRecord(
    NotificationEnvelope Envelope,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    string? Detail = null,
    DateTimeOffset? CompletedAt = null);

/// <summary>
/// What became of a leased notification. <see cref="Attempted"/> is false when it was put back untried (its
/// channel was failing), so the attempt count stays honest.
/// </summary>
public sealed record NotificationAttempt(
    NotificationStatus Status, string Detail, DateTimeOffset? RetryAt = null, bool Attempted = true);

/// <summary>A filter on the outbox, newest first.</summary>
public sealed record NotificationQuery(int Limit = 50, NotificationStatus? Status = null, string? Channel = null);
