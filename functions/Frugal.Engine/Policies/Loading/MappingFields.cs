namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// The keys of one YAML mapping, checked against the keys its section allows. An unknown key is an error, with a
/// hint when it is close to a known one: a misspelt key must never quietly switch a rule off.
/// </summary>
internal sealed class MappingFields
{
    private readonly Dictionary<string, PolicyEntry> entries;

    public MappingFields(PolicyMapping mapping, PolicyErrors errors, params IReadOnlyList<string> knownKeys)
    {
        Mapping = mapping;
        Errors = errors;
        entries = mapping.Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in mapping.Entries.Where(e => !knownKeys.Contains(e.Name, StringComparer.Ordinal)))
        {
            errors.Add(entry.Key, UnknownKeyMessage(entry.Name, knownKeys));
        }
    }

    public PolicyMapping Mapping { get; }

    public PolicyErrors Errors { get; }

    private static string UnknownKeyMessage(string key, IReadOnlyList<string> knownKeys) =>
        key == "<<"
            ? "merge keys ('<<') are not supported; write the keys out, or alias a whole value with *name"
            : knownKeys.Count == 0
                ? $"unknown key '{key}'; this section takes no keys"
                : NearestName.Unknown("key", key, knownKeys);

    /// <summary>The value under a key, or null when the key is absent or its value is YAML null.</summary>
    public PolicyNode? Value(string key) =>
        entries.TryGetValue(key, out var entry) && entry.Value is not PolicyScalar { IsNull: true }
            ? entry.Value
            : null;

    public bool Has(string key) => entries.ContainsKey(key);

    /// <summary>The value under a required key; reports it missing (at the mapping) or empty (at the key).</summary>
    public PolicyNode? Required(string key, string owner)
    {
        if (Value(key) is { } value)
        {
            return value;
        }

        if (entries.TryGetValue(key, out var entry))
        {
            Errors.Add(entry.Value, $"'{key}' needs a value");
        }
        else
        {
            Errors.Add(Mapping, $"{owner} is missing '{key}'");
        }

        return null;
    }

    public string? Text(string key) => Value(key) is { } node ? PolicyValues.Text(node, key, Errors) : null;

    public decimal? Number(string key) => Value(key) is { } node ? PolicyValues.Number(node, key, Errors) : null;

    public int? WholeNumber(string key) =>
        Value(key) is { } node ? PolicyValues.WholeNumber(node, key, Errors) : null;

    public bool? Flag(string key) => Value(key) is { } node ? PolicyValues.Flag(node, key, Errors) : null;

    public IReadOnlyList<string> TextList(string key) =>
        Value(key) is { } node ? PolicyValues.TextList(node, key, Errors) : [];

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices)
        where T : struct =>
        Value(key) is { } node ? PolicyValues.Choice(node, key, choices, Errors) : null;
}
