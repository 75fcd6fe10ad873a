using System.Text.Json;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Protocol;

/// <summary>Writes the protocol's JSON bodies: inference responses, model metadata and errors.</summary>
internal static class ProtocolJson
{
    public static void WriteInferResponse(Utf8JsonWriter writer, InferenceResult result, string? id)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name", result.Model);
        writer.WriteString("model_version", result.Version);
        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        writer.WriteStartObject("parameters");
        writer.WriteBoolean("cached", result.FromCache);
        writer.WriteEndObject();
        writer.WriteStartArray("outputs");
        foreach (var output in result.Outputs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", output.Name);
            writer.WriteString("datatype", output.Datatype.WireName());
            WriteShape(writer, "shape", output.Shape);
            writer.WritePropertyName("data");
            TensorJson.WriteData(writer, output.Datatype, output.Bytes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteModelMetadata(
        Utf8JsonWriter writer, string name, IReadOnlyList<string> versions, OnnxModel model)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteStartArray("versions");
        versions.ToList().ForEach(writer.WriteStringValue);
        writer.WriteEndArray();
        writer.WriteString("platform", "onnxruntime_onnx");
        WriteSpecs(writer, "inputs", model.Inputs);
        WriteSpecs(writer, "outputs", model.Outputs);
        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("error", message);
        writer.WriteEndObject();
    }

    private static void WriteSpecs(Utf8JsonWriter writer, string property, IReadOnlyList<TensorSpec> specs)
    {
        writer.WriteStartArray(property);
        foreach (var spec in specs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", spec.Name);
            writer.WriteString("datatype", spec.DatatypeName);
            WriteShape(writer, "shape", spec.Dimensions);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter writer, string property, IEnumerable<long> shape)
    {
        writer.WriteStartArray(property);
        foreach (var dimension in shape)
        {
            writer.WriteNumberValue(dimension);
        }

        writer.WriteEndArray();
    }
}
