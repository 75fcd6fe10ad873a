using System.Text.Json;

namespace Frugal.Testing.GoogleStandIn;

/// <summary>
/// Checks a JSON value against a discovery schema as strictly as a test needs: every field must be declared (an
/// unknown field is how a misspelt one shows), types must agree, enum values must be listed.
/// </summary>
internal static class SchemaCheck
{
    public static IReadOnlyList<string> Problems(JsonElement value, string schemaName, JsonElement schemas)
    {
        var problems = new List<string>();
        Check(value, schemas.GetProperty(schemaName), schemas, schemaName, problems);
        return problems;
    }

    private static void Check(
        JsonElement value, JsonElement schema, JsonElement schemas, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "object";
        switch (type)
        {
            case "object":
                CheckObject(value, schema, schemas, path, problems);
                break;
            case "array":
                if (Expect(value, JsonValueKind.Array, path, "a list", problems))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(item, schema.GetProperty("items"), schemas, $"{path}[{i++}]", problems);
                    }
                }

                break;
            case "string":
                if (Expect(value, JsonValueKind.String, path, "text", problems) &&
                    schema.TryGetProperty("enum", out var e) &&
                    !e.EnumerateArray().Any(v => v.GetString() == value.GetString()))
                {
                    problems.Add($"{path}: '{value.GetString()}' is not one of its enum values");
                }

                break;
            case "integer" or "number":
                Expect(value, JsonValueKind.Number, path, "a number", problems);
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean, got {value.ValueKind}");
                }

                break;
        }
    }

    private static void CheckObject(
        JsonElement value, JsonElement schema, JsonElement schemas, string path, List<string> problems)
    {
        if (!Expect(value, JsonValueKind.Object, path, "an object", problems))
        {
            return;
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var field in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object &&
                properties.TryGetProperty(field.Name, out var fieldSchema))
            {
                Check(field.Value, fieldSchema, schemas, $"{path}.{field.Name}", problems);
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(field.Value, additional, schemas, $"{path}.{field.Name}", problems);
            }
            else if (schema.TryGetProperty("type", out var kind) && kind.GetString() == "any")
            {
                continue;
            }
            else
            {
                problems.Add($"{path}: unknown field '{field.Name}'");
            }
        }
    }

    private static bool Expect(JsonElement value, JsonValueKind kind, string path, string what, List<string> problems)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        problems.Add($"{path}: expected {what}, got {value.ValueKind}");
        return false;
    }
}
