using Frugal.Engine.ModelArchive;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads <c>modelArchive.registries</c>: a name and kind each, plus the settings of that kind.</summary>
internal static class ModelRegistriesReader
{
    private static readonly Dictionary<string, ModelRegistryKind> Kinds = new(StringComparer.Ordinal)
    {
        ["local"] = ModelRegistryKind.Local,
        ["azureBlob"] = ModelRegistryKind.AzureBlob,
        ["gcs"] = ModelRegistryKind.Gcs,
    };

    private static readonly string[] CommonKeys = ["name", "kind", "prices", "minimumStorageDays"];

    public static IReadOnlyList<ModelRegistryPolicy> Read(
        PolicyNode? node, StoragePrices? defaultPrices, PolicyReadContext context)
    {
        var items = node is null ? [] : PolicyValues.Items(node, "registries", context.Errors);
        UniqueNames.Check(items, "registry", context.Errors);
        return [.. items.Select(item => ReadOne(item, defaultPrices, context)).OfType<ModelRegistryPolicy>()];
    }

    private static ModelRegistryPolicy? ReadOne(
        PolicyNode item, StoragePrices? defaultPrices, PolicyReadContext context)
    {
        if (PolicyValues.Mapping(item, "registries", context.Errors) is not { } mapping)
        {
            return null;
        }

        var kindNode = mapping.Find("kind");
        var kind = kindNode is null or PolicyScalar { IsNull: true }
            ? null
            : PolicyValues.Choice(kindNode, "kind", Kinds, context.Errors);
        var fields = new MappingFields(mapping, context.Errors, [.. CommonKeys.Concat(KindKeys(kind))]);
        var name = Name(fields);
        if (fields.Value("kind") is null)
        {
            fields.Required("kind", "a registry");
        }

        var prices = fields.Value("prices") is { } own ? StoragePricesReader.Read(own, context) : defaultPrices;
        if (prices is null && !fields.Has("prices"))
        {
            context.Errors.Add(mapping, "a registry needs storage prices: give 'prices' here or under modelArchive");
        }

        var target = kind is { } known ? Location(known, fields, context) : null;
        return name is null || kind is null || prices is null || target is null ? null : target with
        {
            Name = name,
            Prices = prices,
            MinimumStorageDays = MinimumDays(fields, kind.Value),
        };
    }

    private static IEnumerable<string> KindKeys(ModelRegistryKind? kind) => kind switch
    {
        ModelRegistryKind.Local => ["path"],
        ModelRegistryKind.AzureBlob => ["container", "prefix", "connection", "rehydratePriority"],
        ModelRegistryKind.Gcs => ["bucket", "prefix", "connection"],
        _ => ["path", "container", "bucket", "prefix", "connection", "rehydratePriority"],
    };

    private static string? Name(MappingFields fields)
    {
        var node = fields.Required("name", "a registry");
        var name = node is null ? null : PolicyValues.Text(node, "name", fields.Errors);
        if (name is not null && !PolicyNames.IsValid(name))
        {
            fields.Errors.Add(node!, $"registry name '{name}' {PolicyNames.Rule}");
            return null;
        }

        return name;
    }

    private static ModelRegistryPolicy? Location(
        ModelRegistryKind kind, MappingFields fields, PolicyReadContext context)
    {
        var placeholder = new StoragePrices(default, new Dictionary<StorageTier, decimal>());
        var policy = new ModelRegistryPolicy
        {
            Name = "",
            Kind = kind,
            Prices = placeholder,
            MinimumStorageDays = new Dictionary<StorageTier, int>(),
            Prefix = Prefix(fields.Text("prefix")),
            Connection = Connection(fields, required: kind == ModelRegistryKind.AzureBlob),
            HighPriorityRehydration = RehydratePriority(fields),
        };
        return kind switch
        {
            ModelRegistryKind.Local => Text(fields, "path", "a local registry") is { } path
                ? policy with { Path = context.ResolvePath(path) } : null,
            ModelRegistryKind.AzureBlob => Text(fields, "container", "an azureBlob registry") is { } container
                ? policy with { Container = container } : null,
            _ => Text(fields, "bucket", "a gcs registry") is { } bucket ? policy with { Bucket = bucket } : null,
        };
    }

    private static string? Text(MappingFields fields, string key, string owner) =>
        fields.Required(key, owner) is { } node ? PolicyValues.Text(node, key, fields.Errors) : null;

    private static string Prefix(string? prefix) =>
        string.IsNullOrEmpty(prefix) ? "" : prefix.Trim('/') + "/";

    private static string? Connection(MappingFields fields, bool required)
    {
        var node = required ? fields.Required("connection", "an azureBlob registry") : fields.Value("connection");
        var text = node is null ? null : PolicyValues.Text(node, "connection", fields.Errors);
        if (text is not null && !SecretReference.IsReference(text))
        {
            fields.Errors.Add(node!, SecretReference.LiteralMessage("connection", "FRUGAL_MODELS_CONNECTION"));
            return null;
        }

        return text;
    }

    private static bool RehydratePriority(MappingFields fields)
    {
        var choices = new Dictionary<string, bool> { ["standard"] = false, ["high"] = true };
        return fields.Choice("rehydratePriority", choices) ?? false;
    }

    private static Dictionary<StorageTier, int> MinimumDays(MappingFields fields, ModelRegistryKind kind)
    {
        var days = new Dictionary<StorageTier, int>(StorageClassNames.MinimumDays(kind));
        if (fields.Value("minimumStorageDays") is not { } node
            || PolicyValues.Mapping(node, "minimumStorageDays", fields.Errors) is not { } mapping)
        {
            return days;
        }

        var given = new MappingFields(mapping, fields.Errors, [.. StorageClassNames.Colder.Keys]);
        foreach (var (key, tier) in StorageClassNames.Colder)
        {
            if (ModelArchiveReader.AtLeast(given, key, 0) is { } value)
            {
                days[tier] = value;
            }
        }

        return days;
    }
}
