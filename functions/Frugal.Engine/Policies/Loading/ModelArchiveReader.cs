using System.Text.RegularExpressions;
using Frugal.Engine.ModelArchive;

namespace Frugal.Engine.Policies.Loading;

/// <summary>Reads the <c>modelArchive</c> section: the rules, the default prices and the registries.</summary>
internal static partial class ModelArchiveReader
{
    private static readonly string[] Keys = ["rules", "prices", "registries"];

    private static readonly string[] RuleKeys =
        ["keepNewest", "servedWithinDays", "pinLabel", "targetClass", "deleteAfterDays"];

    public static ModelArchivePolicy Read(PolicyNode? node, PolicyReadContext context)
    {
        if (node is null || PolicyValues.Mapping(node, "modelArchive", context.Errors) is not { } mapping)
        {
            return new ModelArchivePolicy();
        }

        var fields = new MappingFields(mapping, context.Errors, Keys);
        var prices = fields.Value("prices") is { } pricesNode ? StoragePricesReader.Read(pricesNode, context) : null;
        return new ModelArchivePolicy
        {
            Rules = ReadRules(fields.Value("rules"), context),
            Registries = ModelRegistriesReader.Read(fields.Value("registries"), prices, context),
        };
    }

    private static ArchiveRules ReadRules(PolicyNode? node, PolicyReadContext context)
    {
        var defaults = new ArchiveRules();
        if (node is null || PolicyValues.Mapping(node, "rules", context.Errors) is not { } mapping)
        {
            return defaults;
        }

        var fields = new MappingFields(mapping, context.Errors, RuleKeys);
        return new ArchiveRules
        {
            KeepNewest = AtLeast(fields, "keepNewest", 1) ?? defaults.KeepNewest,
            ServedWithinDays = AtLeast(fields, "servedWithinDays", 0) ?? defaults.ServedWithinDays,
            PinLabel = PinLabel(fields) ?? defaults.PinLabel,
            TargetTier = TargetTier(fields),
            DeleteAfterDays = AtLeast(fields, "deleteAfterDays", 1),
        };
    }

    internal static int? AtLeast(MappingFields fields, string key, int minimum)
    {
        var value = fields.WholeNumber(key);
        if (value < minimum)
        {
            fields.Errors.Add(fields.Value(key)!, $"'{key}' must be at least {minimum}, got {value}");
            return null;
        }

        return value;
    }

    private static string? PinLabel(MappingFields fields)
    {
        var label = fields.Text("pinLabel");
        if (label is not null && !MetadataKey().IsMatch(label))
        {
            fields.Errors.Add(fields.Value("pinLabel")!,
                $"'pinLabel' '{label}' is not a metadata key: use letters, digits, '-' and '_', as in frugal-pin");
            return null;
        }

        return label;
    }

    private static StorageTier? TargetTier(MappingFields fields)
    {
        var node = fields.Value("targetClass");
        var text = node is null ? null : PolicyValues.Text(node, "targetClass", fields.Errors);
        if (text is null || string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (StorageClassNames.Colder.TryGetValue(text.ToLowerInvariant(), out var tier))
        {
            return tier;
        }

        var choices = StorageClassNames.Colder.Keys.Prepend("auto").ToList();
        fields.Errors.Add(node!, StorageClassNames.All.ContainsKey(text.ToLowerInvariant())
            ? $"'targetClass' must be colder than the hot class; got '{text}'"
            : $"'targetClass' must be one of {string.Join(", ", choices)}; got '{text}'"
                + NearestName.Hint(text, choices));
        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataKey();
}
