using System.Text.Json;
using System.Text.Json.Nodes;

namespace Frugal.Infra.Tests.Kubernetes;

/// <summary>
/// Checks a JSON object against OpenAPI v2 (Swagger) definitions strictly: a field the definition does not name
/// is an error, as are a wrong type, an int32 out of range and a missing required field. Every problem is listed
/// with its path. This is the part of OpenAPI the Kubernetes definitions use, not the whole of JSON Schema.
/// </summary>
internal sealed class OpenApiSchema(JsonObject definitions)
{
    public static OpenApiSchema Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path))!["definitions"]!.AsObject());

    public IReadOnlyList<string> Check(JsonNode? value, string definition)
    {
        var problems = new List<string>();
        Check(value, Definition(definition), "$", problems);
        return problems;
    }

    private JsonObject Definition(string name) =>
        definitions[name] as JsonObject ?? throw new KeyNotFoundException($"no definition {name}");

    private JsonObject Resolve(JsonObject schema) =>
        schema["$ref"] is JsonValue reference
            ? Definition(reference.GetValue<string>()["#/definitions/".Length..])
            : schema;

    private void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        schema = Resolve(schema);
        var type = schema["type"]?.GetValue<string>();
        if (value is null)
        {
            problems.Add($"{path}: null where {type ?? "a value"} is expected");
            return;
        }

        if (schema["format"]?.GetValue<string>() == "int-or-string")
        {
            if (value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
            {
                problems.Add($"{path}: expected an integer or a string, found {value.GetValueKind()}");
            }

            return;
        }

        switch (type)
        {
            case "object":
                CheckObject(value, schema, path, problems);
                break;
            case "array":
                CheckArray(value, schema, path, problems);
                break;
            case "string" or "integer" or "number" or "boolean":
                CheckScalar(value, type, schema["format"]?.GetValue<string>(), path, problems);
                break;
            default:
                // No type: the definition accepts any JSON (for example FieldsV1, RawExtension).
                break;
        }
    }

    private void CheckObject(JsonNode value, JsonObject schema, string path, List<string> problems)
    {
        if (value is not JsonObject obj)
        {
            problems.Add($"{path}: expected an object, found {value.GetValueKind()}");
            return;
        }

        var properties = schema["properties"] as JsonObject;
        var extra = schema["additionalProperties"] as JsonObject;
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (!obj.ContainsKey(name))
            {
                problems.Add($"{path}: required field '{name}' is missing");
            }
        }

        foreach (var (name, child) in obj)
        {
            var childSchema = properties?[name] as JsonObject ?? extra;
            if (childSchema is null)
            {
                problems.Add($"{path}: unknown field '{name}'");
                continue;
            }

            Check(child, childSchema, $"{path}.{name}", problems);
        }
    }

    private void CheckArray(JsonNode value, JsonObject schema, string path, List<string> problems)
    {
        if (value is not JsonArray list)
        {
            problems.Add($"{path}: expected an array, found {value.GetValueKind()}");
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            Check(list[i], schema["items"]!.AsObject(), $"{path}[{i}]", problems);
        }
    }

    private static void CheckScalar(JsonNode value, string type, string? format, string path, List<string> problems)
    {
        var kind = value.GetValueKind();
        var fits = type switch
        {
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number && Number(value) % 1 == 0,
            _ => kind == JsonValueKind.Number,
        };
        if (!fits)
        {
            problems.Add($"{path}: expected {type}{(format is null ? "" : $" ({format})")}, found {kind}");
            return;
        }

        if (format == "int32" && Math.Abs(Number(value)) > int.MaxValue)
        {
            problems.Add($"{path}: {value} does not fit int32");
        }
    }

    private static double Number(JsonNode value) =>
        double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
}
