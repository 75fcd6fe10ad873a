using Frugal.Engine.Policies;

namespace Frugal.Engine.Notifications;

/// <summary>Decides which channels hear of an event, from the policy's routes. Pure.</summary>
public static class NotificationRouter
{
    /// <summary>The channels whose routes take this kind at this severity, in declaration order.</summary>
    public static IReadOnlyList<string> Channels(
        FrugalPolicy policy, NotificationEventKind kind, NotificationSeverity severity)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var routed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in policy.Notifications.Routes.Where(r => r.Matches(kind, severity)))
        {
            routed.UnionWith(route.Channels.Count > 0 ? route.Channels : policy.Channels.Select(c => c.Name));
        }

        return [.. policy.Channels.Select(c => c.Name).Where(routed.Contains)];
    }

    /// <summary>
    /// Where to report that <paramref name="gone"/> no longer exists: the channels routed for it, or else every
    /// other channel, as a broken channel must not go unnoticed.
    /// </summary>
    public static IReadOnlyList<string> ChannelGone(FrugalPolicy policy, string gone)
    {
        var routed = Channels(policy, NotificationEventKind.ChannelGone, NotificationSeverity.Critical)
            .Where(c => !string.Equals(c, gone, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return routed.Count > 0
            ? routed
            : [.. policy.Channels.Select(c => c.Name)
                .Where(c => !string.Equals(c, gone, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The channel of a name: declared in the policy, or the implicit log channel <c>console</c>.</summary>
    public static ChannelPolicy? Find(FrugalPolicy policy, string name)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Channels.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? (name == "console" ? new ChannelPolicy { Name = "console", Kind = ChannelKind.Console } : null);
    }
}
