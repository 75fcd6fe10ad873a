using Frugal.Engine.Notifications;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Reads <c>routes</c>: each item sends some kinds of event, from a minimum severity up, to some channels.
/// Channel names must be declared under <c>channels</c>; the channels are read first.
/// </summary>
internal static class RoutesReader
{
    public static readonly IReadOnlyDictionary<string, NotificationEventKind> Events =
        new Dictionary<string, NotificationEventKind>(StringComparer.Ordinal)
        {
            ["thresholdCrossed"] = NotificationEventKind.ThresholdCrossed,
            ["forecastCrossed"] = NotificationEventKind.ForecastCrossed,
            ["actionPlanned"] = NotificationEventKind.ActionPlanned,
            ["actionTaken"] = NotificationEventKind.ActionTaken,
            ["actionFailed"] = NotificationEventKind.ActionFailed,
            ["safetyLimit"] = NotificationEventKind.SafetyLimit,
            ["dailyDigest"] = NotificationEventKind.DailyDigest,
            ["channelGone"] = NotificationEventKind.ChannelGone,
            ["trainingJob"] = NotificationEventKind.TrainingJob,
        };

    private static readonly Dictionary<string, NotificationSeverity> Severities = new(StringComparer.Ordinal)
    {
        ["info"] = NotificationSeverity.Info,
        ["warning"] = NotificationSeverity.Warning,
        ["critical"] = NotificationSeverity.Critical,
    };

    private static readonly string[] Keys = ["events", "channels", "minSeverity"];

    public static IReadOnlyList<NotificationRoute> Read(PolicyNode? node, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "routes", context.Errors);
        if (items.Count > 0 && context.ChannelNames.Count == 0)
        {
            context.Errors.Add(node!, "routes have nowhere to go: declare a channel under 'channels'");
        }

        return [.. items.Select(item => ReadOne(item, context)).OfType<NotificationRoute>()];
    }

    private static NotificationRoute? ReadOne(PolicyNode item, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "routes", context.Errors) is not { } mapping)
        {
            return null;
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        return new NotificationRoute
        {
            Events = ReadEvents(fields),
            Channels = ReadChannels(fields, context),
            MinSeverity = fields.Choice("minSeverity", Severities) ?? NotificationSeverity.Info,
        };
    }

    private static List<NotificationEventKind> ReadEvents(MappingFields fields)
    {
        var kinds = new List<NotificationEventKind>();
        var named = fields.Value("events") is { } node ? PolicyValues.TextItems(node, "events", fields.Errors) : [];
        foreach (var (at, name) in named)
        {
            if (Events.TryGetValue(name, out var kind))
            {
                kinds.Add(kind);
            }
            else
            {
                fields.Errors.Add(at, NearestName.Unknown("event", name, [.. Events.Keys]));
            }
        }

        return kinds;
    }

    private static List<string> ReadChannels(MappingFields fields, PolicyReadContext context)
    {
        var channels = new List<string>();
        var named = fields.Value("channels") is { } node
            ? PolicyValues.TextItems(node, "channels", fields.Errors)
            : [];
        foreach (var (at, name) in named)
        {
            var match = context.ChannelNames.FirstOrDefault(
                d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                fields.Errors.Add(at, NearestName.Unknown("channel", name, context.ChannelNames));
                continue;
            }

            channels.Add(match);
        }

        return channels;
    }
}
