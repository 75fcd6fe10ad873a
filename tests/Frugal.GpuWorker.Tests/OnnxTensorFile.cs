using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Frugal.GpuWorker.Tensors;
using Onnx;

namespace Frugal.GpuWorker.Tests;

/// <summary>Reads the ONNX backend test tensors (<c>input_N.pb</c>, <c>output_N.pb</c>) into worker tensors.</summary>
internal static class OnnxTensorFile
{
    public static NamedTensor Read(string path, string? name = null)
    {
        var proto = TensorProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var type = Datatype((TensorProto.Types.DataType)proto.DataType);
        return new NamedTensor(name ?? proto.Name, type, proto.Dims.ToArray(), Bytes(proto));
    }

    /// <summary>An inference request body carrying <paramref name="inputs"/> as JSON tensors.</summary>
    public static string RequestJson(IEnumerable<NamedTensor> inputs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var input in inputs)
            {
                writer.WriteStartObject();
                writer.WriteString("name", input.Name);
                writer.WriteString("datatype", input.Datatype.WireName());
                writer.WriteStartArray("shape");
                foreach (var dimension in input.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("data");
                TensorJson.WriteData(writer, input.Datatype, input.Bytes);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static byte[] Bytes(TensorProto proto)
    {
        if (!proto.RawData.IsEmpty)
        {
            return proto.RawData.ToByteArray();
        }

        return (TensorProto.Types.DataType)proto.DataType switch
        {
            TensorProto.Types.DataType.Float => MemoryMarshal.AsBytes(proto.FloatData.ToArray().AsSpan()).ToArray(),
            TensorProto.Types.DataType.Double => MemoryMarshal.AsBytes(proto.DoubleData.ToArray().AsSpan()).ToArray(),
            TensorProto.Types.DataType.Int64 => MemoryMarshal.AsBytes(proto.Int64Data.ToArray().AsSpan()).ToArray(),
            TensorProto.Types.DataType.Int32 => MemoryMarshal.AsBytes(proto.Int32Data.ToArray().AsSpan()).ToArray(),
            var other => throw new NotSupportedException($"test tensors of type {other} are not read"),
        };
    }

    private static TensorDatatype Datatype(TensorProto.Types.DataType type) => type switch
    {
        TensorProto.Types.DataType.Float => TensorDatatype.Fp32,
        TensorProto.Types.DataType.Double => TensorDatatype.Fp64,
        TensorProto.Types.DataType.Float16 => TensorDatatype.Fp16,
        TensorProto.Types.DataType.Int64 => TensorDatatype.Int64,
        TensorProto.Types.DataType.Int32 => TensorDatatype.Int32,
        TensorProto.Types.DataType.Int8 => TensorDatatype.Int8,
        TensorProto.Types.DataType.Uint8 => TensorDatatype.UInt8,
        TensorProto.Types.DataType.Bool => TensorDatatype.Bool,
        var other => throw new NotSupportedException($"test tensors of type {other} are not read"),
    };
}
