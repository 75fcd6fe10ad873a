using Frugal.Engine.Notifications;

namespace Frugal.Engine.Policies;

/// <summary>How notifications are delivered: where events go, how often to try, when the digest goes.</summary>
public sealed record NotificationPolicy
{
    /// <summary>Where events go besides the channels a threshold's <c>notify</c> names.</summary>
    public IReadOnlyList<NotificationRoute> Routes { get; init; } = [];

    /// <summary>Attempts at one message before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Local time of day from which the daily digest is sent.</summary>
    public TimeOnly DigestAt { get; init; } = new(8, 0);

    /// <summary>IANA time zone of <see cref="DigestAt"/>; also decides which day a digest covers.</summary>
    public string DigestTimeZone { get; init; } = "Etc/UTC";
}

/// <summary>Sends events of some kinds, from a minimum severity up, to some channels.</summary>
public sealed record NotificationRoute
{
    /// <summary>The kinds routed; empty means every kind.</summary>
    public IReadOnlyList<NotificationEventKind> Events { get; init; } = [];

    /// <summary>Channel names; empty means every declared channel.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    public NotificationSeverity MinSeverity { get; init; } = NotificationSeverity.Info;

    public bool Matches(NotificationEventKind kind, NotificationSeverity severity) =>
        severity >= MinSeverity && (Events.Count == 0 || Events.Contains(kind));
}
