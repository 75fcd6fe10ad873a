namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>notify</c>: the channels to tell, each one declared under <c>channels</c>.</summary>
internal static class NotifyActionReader
{
    /// <summary>No channel list means every declared channel.</summary>
    public static ActionRule Read(PolicyNode? settings, PolicyNode at, PolicyReadContext context)
    {
        var declared = context.ChannelNames;
        if (declared.Count == 0)
        {
            context.Errors.Add(at, "notify has nowhere to go: declare a channel under 'channels'");
        }

        var channels = new List<string>();
        var named = settings is null ? [] : PolicyValues.TextItems(settings, "notify", context.Errors);
        foreach (var (node, name) in named)
        {
            var match = declared.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                context.Errors.Add(node, NearestName.Unknown("channel", name, declared));
                continue;
            }

            channels.Add(match);
        }

        return new ActionRule { Kind = ActionKind.Notify, Channels = channels };
    }
}
