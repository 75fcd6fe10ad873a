using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Frugal.Infra.Tests.Kubernetes;

/// <summary>A Kubernetes object read from a manifest, as the JSON the API server would receive.</summary>
internal sealed record ManifestObject(string File, JsonObject Body)
{
    public string Kind => Body["kind"]!.GetValue<string>();

    public string ApiVersion => Body["apiVersion"]!.GetValue<string>();

    public string Name => Body["metadata"]!["name"]!.GetValue<string>();

    public JsonNode? this[string path] => Azure.ArmResource.Walk(Body, path);

    public override string ToString() => $"{File}: {Kind}/{Name}";
}

/// <summary>
/// Reads YAML documents into JSON, resolving plain scalars as the YAML 1.2 core schema does (as the API server's
/// YAML decoder does): <c>50</c> is a number, <c>"50"</c> a string, <c>true</c> a boolean, <c>null</c> or <c>~</c>
/// nothing. Type checks against the schemas then see what Kubernetes would see.
/// </summary>
internal static class YamlObjects
{
    public static IReadOnlyList<JsonObject> ReadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => d.RootNode).Select(ToJson).OfType<JsonObject>()];
    }

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unsupported YAML node at {node.Start}"),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) =>
                JsonValue.Create(n),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) =>
                JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
