using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>
/// A Google API discovery document, reduced to what a strict stand-in needs: each method's HTTP verb, path template,
/// parameters and request and response schemas, and the schemas themselves.
/// </summary>
internal sealed class DiscoveryDocument
{
    private DiscoveryDocument(string name, string servicePath, JsonElement root)
    {
        Name = name;
        ServicePath = servicePath;
        Root = root;
        Schemas = root.GetProperty("schemas");
        GlobalParameters = root.TryGetProperty("parameters", out var global)
            ? global.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
        Methods = [.. Collect(root)];
    }

    public string Name { get; }

    /// <summary>The prefix of every path, as the API is served (<c>compute/v1/</c>; empty for Cloud Billing).</summary>
    public string ServicePath { get; }

    public JsonElement Root { get; }

    public JsonElement Schemas { get; }

    public IReadOnlySet<string> GlobalParameters { get; }

    public IReadOnlyList<DiscoveryMethod> Methods { get; }

    public static DiscoveryDocument Load(string path) => Read(JsonDocument.Parse(File.ReadAllBytes(path)).RootElement);

    /// <summary>
    /// A document with amendments: methods or fields Google's API has and the stored subset lacks, each declared by
    /// the caller with the reason it is there, so everything else stays checked against the file as it is.
    /// </summary>
    public static DiscoveryDocument Load(string path, Action<JsonObject> amend)
    {
        ArgumentNullException.ThrowIfNull(amend);
        var root = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        amend(root);
        return Read(JsonDocument.Parse(root.ToJsonString()).RootElement);
    }

    private static DiscoveryDocument Read(JsonElement root) => new(
        root.GetProperty("name").GetString()!, root.GetProperty("servicePath").GetString() ?? string.Empty, root);

    private IEnumerable<DiscoveryMethod> Collect(JsonElement node)
    {
        if (node.TryGetProperty("methods", out var methods))
        {
            foreach (var method in methods.EnumerateObject())
            {
                yield return DiscoveryMethod.Read(this, method.Value);
            }
        }

        if (node.TryGetProperty("resources", out var resources))
        {
            foreach (var resource in resources.EnumerateObject())
            {
                foreach (var method in Collect(resource.Value))
                {
                    yield return method;
                }
            }
        }
    }
}

/// <summary>One API method of a discovery document.</summary>
internal sealed record DiscoveryMethod(
    DiscoveryDocument Document,
    string Id,
    string HttpMethod,
    Regex PathPattern,
    IReadOnlyList<string> PathParameterNames,
    IReadOnlyDictionary<string, DiscoveryParameter> Parameters,
    string? RequestSchema,
    string? ResponseSchema)
{
    public static DiscoveryMethod Read(DiscoveryDocument document, JsonElement method)
    {
        var parameters = method.TryGetProperty("parameters", out var ps)
            ? ps.EnumerateObject().ToDictionary(p => p.Name, p => DiscoveryParameter.Read(p.Name, p.Value))
            : [];
        var (pattern, names) = Template(method.GetProperty("path").GetString()!);
        return new DiscoveryMethod(
            document,
            method.GetProperty("id").GetString()!,
            method.GetProperty("httpMethod").GetString()!,
            pattern,
            names,
            parameters,
            Reference(method, "request"),
            Reference(method, "response"));
    }

    /// <summary>The path parameters of a request path, or null when the path is not this method's.</summary>
    public IReadOnlyDictionary<string, string>? MatchPath(string relativePath)
    {
        var match = PathPattern.Match(relativePath);
        if (!match.Success)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < PathParameterNames.Count; i++)
        {
            var name = PathParameterNames[i];
            var value = Uri.UnescapeDataString(match.Groups[$"p{i}"].Value);
            if (Parameters.TryGetValue(name, out var parameter) && parameter.Pattern is { } rule &&
                !Regex.IsMatch(value, rule))
            {
                return null;
            }

            values[name] = value;
        }

        return values;
    }

    // {name} is one path segment; {+name} may span several (reserved expansion).
    private static (Regex Pattern, IReadOnlyList<string> Names) Template(string path)
    {
        var names = new List<string>();
        var pattern = new System.Text.StringBuilder("^");
        var at = 0;
        foreach (Match m in Regex.Matches(path, @"\{(\+?)([^}]+)\}"))
        {
            pattern.Append(Regex.Escape(path[at..m.Index]));
            pattern.Append(m.Groups[1].Value == "+" ? $"(?<p{names.Count}>.+?)" : $"(?<p{names.Count}>[^/]+)");
            names.Add(m.Groups[2].Value);
            at = m.Index + m.Length;
        }

        pattern.Append(Regex.Escape(path[at..])).Append('$');
        return (new Regex(pattern.ToString(), RegexOptions.CultureInvariant), names);
    }

    private static string? Reference(JsonElement method, string key) =>
        method.TryGetProperty(key, out var value) && value.TryGetProperty("$ref", out var reference)
            ? reference.GetString()
            : null;
}

/// <summary>A method parameter: where it goes, whether it is required, the pattern a path value must match.</summary>
internal sealed record DiscoveryParameter(string Name, string Location, bool Required, string? Pattern, bool Repeated)
{
    public static DiscoveryParameter Read(string name, JsonElement parameter) => new(
        name,
        parameter.GetProperty("location").GetString()!,
        parameter.TryGetProperty("required", out var required) && required.GetBoolean(),
        parameter.TryGetProperty("pattern", out var pattern) ? pattern.GetString() : null,
        parameter.TryGetProperty("repeated", out var repeated) && repeated.GetBoolean());
}
