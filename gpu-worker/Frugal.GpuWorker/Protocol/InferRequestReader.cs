using System.Globalization;
using System.Text.Json;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Protocol;

/// <summary>Reads the protocol's JSON inference request; every fault is a 400 naming the field.</summary>
internal static class InferRequestReader
{
    public static InferenceRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ProtocolException.BadRequest("the request body must be a JSON object");
        }

        var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw ProtocolException.BadRequest("'inputs' must be an array of tensors");
        }

        var tensors = inputs.EnumerateArray().Select((input, index) => ReadTensor(input, index)).ToArray();
        return new InferenceRequest(id, tensors, ReadOutputs(root));
    }

    private static NamedTensor ReadTensor(JsonElement input, int index)
    {
        var at = $"inputs[{index}]";
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw ProtocolException.BadRequest($"{at} must be an object");
        }

        var name = RequiredString(input, "name", at);
        at = $"input '{name}'";
        var datatypeName = RequiredString(input, "datatype", at);
        if (!TensorDatatypes.TryParseWireName(datatypeName, out var datatype))
        {
            throw ProtocolException.BadRequest($"{at}: datatype '{datatypeName}' is not supported");
        }

        var shape = ReadShape(input, at);
        if (!input.TryGetProperty("data", out var data))
        {
            throw ProtocolException.BadRequest($"{at}: 'data' is missing");
        }

        try
        {
            var count = NamedTensor.ElementCountOf(shape);
            return new NamedTensor(name, datatype, shape, TensorJson.ReadData(data, datatype, count));
        }
        catch (FormatException exception)
        {
            throw ProtocolException.BadRequest($"{at}: {exception.Message}");
        }
        catch (OverflowException)
        {
            throw ProtocolException.BadRequest($"{at}: shape is too large");
        }
    }

    private static long[] ReadShape(JsonElement input, string at)
    {
        if (!input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            throw ProtocolException.BadRequest($"{at}: 'shape' must be an array of whole numbers");
        }

        return shape.EnumerateArray().Select(d =>
            d.ValueKind == JsonValueKind.Number && d.TryGetInt64(out var value) && value >= 0
                ? value
                : throw ProtocolException.BadRequest(
                    $"{at}: shape entry {d.GetRawText()} is not a whole number of zero or more")).ToArray();
    }

    private static List<string> ReadOutputs(JsonElement root)
    {
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (outputs.ValueKind != JsonValueKind.Array)
        {
            throw ProtocolException.BadRequest("'outputs' must be an array");
        }

        return outputs.EnumerateArray()
            .Select((o, i) => RequiredString(o, "name", string.Create(CultureInfo.InvariantCulture, $"outputs[{i}]")))
            .ToList();
    }

    private static string RequiredString(JsonElement element, string property, string at) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()!
            : throw ProtocolException.BadRequest($"{at}: '{property}' must be a non-empty string");
}
