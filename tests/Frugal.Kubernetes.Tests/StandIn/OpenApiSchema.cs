using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frugal.Kubernetes.Tests.StandIn;

/// <summary>
/// Checks a JSON object against a definition of the Kubernetes OpenAPI (swagger 2.0) document, the way the API
/// server decodes strictly: an unknown field or a value of the wrong type is an error naming its path.
/// </summary>
internal sealed class OpenApiSchema
{
    public const string Hpa = "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler";
    private const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    private readonly JsonObject _definitions;

    private OpenApiSchema(JsonObject definitions) => _definitions = definitions;

    public static OpenApiSchema Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))!["definitions"]!.AsObject());

    public IReadOnlyList<string> Validate(JsonNode? value, string definition)
    {
        var errors = new List<string>();
        CheckDefinition(value, definition, "", errors);
        return errors;
    }

    private void CheckDefinition(JsonNode? value, string definition, string path, List<string> errors)
    {
        if (definition == Quantity)
        {
            // A quantity decodes from a string ("500m") or a plain number.
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
            {
                return;
            }

            errors.Add($"{Name(path)}: a quantity must be a string or a number");
            return;
        }

        Check(value, _definitions[definition]!.AsObject(), path, errors);
    }

    private void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (value is null)
        {
            return;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            CheckDefinition(value, reference["#/definitions/".Length..], path, errors);
            return;
        }

        switch (schema["type"]?.GetValue<string>())
        {
            case "object":
                CheckObject(value, schema, path, errors);
                break;
            case "array" when value is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], schema["items"]!.AsObject(), $"{path}[{i}]", errors);
                }

                break;
            case { } type when !IsScalar(value, type, schema["format"]?.GetValue<string>()):
                errors.Add($"{Name(path)}: expected {type}, got {Kind(value)}");
                break;
        }
    }

    private void CheckObject(JsonNode value, JsonObject schema, string path, List<string> errors)
    {
        if (value is not JsonObject obj)
        {
            errors.Add($"{Name(path)}: expected object, got {Kind(value)}");
            return;
        }

        var properties = schema["properties"]?.AsObject();
        var additional = schema["additionalProperties"]?.AsObject();
        if (properties is null && additional is null)
        {
            return;
        }

        foreach (var (key, child) in obj)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties?[key] is JsonObject property)
            {
                Check(child, property, childPath, errors);
            }
            else if (additional is not null)
            {
                Check(child, additional, childPath, errors);
            }
            else
            {
                errors.Add($"unknown field \"{childPath}\"");
            }
        }
    }

    private static bool IsScalar(JsonNode value, string type, string? format) =>
        value is JsonValue v && (type, v.GetValueKind()) switch
        {
            ("string", JsonValueKind.String) => true,
            ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
            ("integer", JsonValueKind.Number) =>
                format == "int32" ? v.TryGetValue<int>(out _) : v.TryGetValue<long>(out _),
            ("number", JsonValueKind.Number) => true,
            _ => false,
        };

    private static string Kind(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "unknown",
    };

    private static string Name(string path) => path.Length == 0 ? "the object" : path;
}
