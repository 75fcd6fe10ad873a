using System.Text.Json.Nodes;

namespace Frugal.Infra.Tests.Azure;

/// <summary>One resource of a compiled template, with the (nested) template that declares it.</summary>
internal sealed record ArmResource(string Type, JsonObject Body, JsonObject Template)
{
    public JsonNode? this[string path] => Walk(Body, path);

    /// <summary>The default value of a parameter of the template declaring this resource.</summary>
    public JsonNode? ParameterDefault(string name) => Template["parameters"]?[name]?["defaultValue"];

    internal static JsonNode? Walk(JsonNode? node, string path) =>
        path.Split('.').Aggregate(node, (current, key) => current?[key]);
}

/// <summary>The ARM JSON that <c>bicep build</c> wrote, with modules (nested deployments) flattened.</summary>
internal sealed class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public IReadOnlyList<ArmResource> Resources { get; } = [.. Flatten(root)];

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type) => Assert.Single(OfType(type));

    private static IEnumerable<ArmResource> Flatten(JsonObject template)
    {
        // languageVersion 2.0 templates key resources by symbolic name; older ones list them.
        var resources = template["resources"] switch
        {
            JsonArray list => list.OfType<JsonObject>(),
            JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
            _ => [],
        };
        foreach (var resource in resources)
        {
            var type = resource["type"]!.GetValue<string>();
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            yield return new ArmResource(type, resource, template);
            if (type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject inner)
            {
                foreach (var nested in Flatten(inner))
                {
                    yield return nested;
                }
            }
        }
    }
}
