namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the <c>channels</c> list: a name and kind each, plus the settings of that kind.</summary>
internal static class ChannelsReader
{
    private static readonly Dictionary<string, ChannelKind> Kinds = new(StringComparer.Ordinal)
    {
        ["console"] = ChannelKind.Console,
        ["slack"] = ChannelKind.Slack,
        ["email"] = ChannelKind.Email,
    };

    private static readonly string[] CommonKeys = ["name", "kind", "link"];

    /// <summary>Reads the channels and records their names in the context for notify actions to check.</summary>
    public static IReadOnlyList<ChannelPolicy> Read(PolicyNode? node, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "channels", context.Errors);
        context.ChannelNames = UniqueNames.Check(items, "channel", context.Errors);
        return [.. items.Select(item => ReadOne(item, context)).OfType<ChannelPolicy>()];
    }

    private static ChannelPolicy? ReadOne(PolicyNode item, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "channels", context.Errors) is not { } mapping)
        {
            return null;
        }

        // The kind decides which other keys are allowed, so it is read before the keys are checked.
        var kindNode = mapping.Find("kind");
        var kind = kindNode is null or PolicyScalar { IsNull: true }
            ? null
            : PolicyValues.Choice(kindNode, "kind", Kinds, context.Errors);
        var fields = new MappingFields(mapping, context.Errors, [.. KnownKeys(kind)]);
        var name = ReadName(fields);
        if (fields.Value("kind") is null)
        {
            fields.Required("kind", "a channel");
        }

        if (kind is not { } known)
        {
            return null;
        }

        var settings = new Dictionary<string, string>(
            ChannelSettingsReader.Read(known, fields), StringComparer.Ordinal);
        if (ReadLink(fields) is { } link)
        {
            settings["link"] = link;
        }

        return name is null ? null : new ChannelPolicy { Name = name, Kind = known, Settings = settings };
    }

    private static string? ReadName(MappingFields fields)
    {
        var node = fields.Required("name", "a channel");
        var name = node is null ? null : PolicyValues.Text(node, "name", fields.Errors);
        if (name is not null && !PolicyNames.IsValid(name))
        {
            fields.Errors.Add(node!, $"channel name '{name}' {PolicyNames.Rule}");
            return null;
        }

        return name;
    }

    private static string? ReadLink(MappingFields fields)
    {
        var link = fields.Text("link");
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) &&
                                  (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            fields.Errors.Add(fields.Value("link")!, $"'link' must be an http or https URL, got '{link}'");
            return null;
        }

        return link;
    }

    private static IEnumerable<string> KnownKeys(ChannelKind? kind) =>
        kind is { } known
            ? CommonKeys.Concat(ChannelSettingsReader.Keys(known))
            : CommonKeys.Concat(Kinds.Values.SelectMany(ChannelSettingsReader.Keys)).Distinct();
}
