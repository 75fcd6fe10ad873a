using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Frugal.GpuWorker.Tensors;

/// <summary>
/// Converts between the protocol's JSON <c>data</c> arrays (flat or nested, row-major) and raw tensor bytes.
/// Non-finite floats travel as the strings "NaN", "Infinity" and "-Infinity", which JSON numbers cannot hold.
/// </summary>
internal static class TensorJson
{
    /// <summary>Reads <paramref name="data"/> into bytes; a <see cref="FormatException"/> names any fault.</summary>
    public static byte[] ReadData(JsonElement data, TensorDatatype type, long expectedElements)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("'data' must be an array");
        }

        var size = type.ElementSize();
        var bytes = new byte[checked(expectedElements * size)];
        var written = 0L;
        AppendElements(data, type, bytes, size, ref written, expectedElements);
        if (written != expectedElements)
        {
            throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"'data' holds {written} elements but the shape needs {expectedElements}"));
        }

        return bytes;
    }

    private static void AppendElements(
        JsonElement array, TensorDatatype type, byte[] bytes, int size, ref long written, long expected)
    {
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                AppendElements(element, type, bytes, size, ref written, expected);
                continue;
            }

            if (written >= expected)
            {
                written++;
                continue;
            }

            WriteElement(element, type, bytes.AsSpan(checked((int)(written * size)), size));
            written++;
        }
    }

    private static void WriteElement(JsonElement element, TensorDatatype type, Span<byte> target)
    {
        switch (type)
        {
            case TensorDatatype.Bool:
                target[0] = ReadBool(element) ? (byte)1 : (byte)0;
                break;
            case TensorDatatype.UInt8:
                target[0] = ReadInteger(element, static e => e.GetByte());
                break;
            case TensorDatatype.Int8:
                target[0] = unchecked((byte)ReadInteger(element, static e => e.GetSByte()));
                break;
            case TensorDatatype.UInt16:
                BinaryPrimitives.WriteUInt16LittleEndian(target, ReadInteger(element, static e => e.GetUInt16()));
                break;
            case TensorDatatype.Int16:
                BinaryPrimitives.WriteInt16LittleEndian(target, ReadInteger(element, static e => e.GetInt16()));
                break;
            case TensorDatatype.UInt32:
                BinaryPrimitives.WriteUInt32LittleEndian(target, ReadInteger(element, static e => e.GetUInt32()));
                break;
            case TensorDatatype.Int32:
                BinaryPrimitives.WriteInt32LittleEndian(target, ReadInteger(element, static e => e.GetInt32()));
                break;
            case TensorDatatype.UInt64:
                BinaryPrimitives.WriteUInt64LittleEndian(target, ReadInteger(element, static e => e.GetUInt64()));
                break;
            case TensorDatatype.Int64:
                BinaryPrimitives.WriteInt64LittleEndian(target, ReadInteger(element, static e => e.GetInt64()));
                break;
            case TensorDatatype.Fp16:
                BinaryPrimitives.WriteHalfLittleEndian(target, (Half)ReadDouble(element));
                break;
            case TensorDatatype.Bf16:
                BinaryPrimitives.WriteUInt16LittleEndian(target, BFloat16Bits.FromSingle(ReadSingle(element)));
                break;
            case TensorDatatype.Fp32:
                BinaryPrimitives.WriteSingleLittleEndian(target, ReadSingle(element));
                break;
            case TensorDatatype.Fp64:
                BinaryPrimitives.WriteDoubleLittleEndian(target, ReadDouble(element));
                break;
            default:
                throw new FormatException($"datatype {type.WireName()} is not supported");
        }
    }

    private static bool ReadBool(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"'data' holds {Describe(element)} where a BOOL (true or false) belongs"),
    };

    private static T ReadInteger<T>(JsonElement element, Func<JsonElement, T> read)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"'data' holds {Describe(element)} where an integer belongs");
        }

        try
        {
            return read(element);
        }
        catch (FormatException)
        {
            throw new FormatException($"'data' holds {element.GetRawText()}, which is not an integer in range");
        }
    }

    private static float ReadSingle(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetSingle() : (float)ReadNonFinite(element);

    private static double ReadDouble(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetDouble() : ReadNonFinite(element);

    private static double ReadNonFinite(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException($"'data' holds {Describe(element)} where a number belongs"),
        }
        : throw new FormatException($"'data' holds {Describe(element)} where a number belongs");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => element.GetRawText(),
    };

    /// <summary>Writes the tensor's elements as a flat JSON array.</summary>
    public static void WriteData(Utf8JsonWriter writer, TensorDatatype type, ReadOnlySpan<byte> bytes)
    {
        var size = type.ElementSize();
        writer.WriteStartArray();
        for (var offset = 0; offset + size <= bytes.Length; offset += size)
        {
            WriteElement(writer, type, bytes.Slice(offset, size));
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, TensorDatatype type, ReadOnlySpan<byte> source)
    {
        switch (type)
        {
            case TensorDatatype.Bool: writer.WriteBooleanValue(source[0] != 0); break;
            case TensorDatatype.UInt8: writer.WriteNumberValue(source[0]); break;
            case TensorDatatype.Int8: writer.WriteNumberValue(unchecked((sbyte)source[0])); break;
            case TensorDatatype.UInt16: writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(source)); break;
            case TensorDatatype.Int16: writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(source)); break;
            case TensorDatatype.UInt32: writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(source)); break;
            case TensorDatatype.Int32: writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(source)); break;
            case TensorDatatype.UInt64: writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(source)); break;
            case TensorDatatype.Int64: writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(source)); break;
            case TensorDatatype.Fp16: WriteFloat(writer, (float)BinaryPrimitives.ReadHalfLittleEndian(source)); break;
            case TensorDatatype.Bf16:
                WriteFloat(writer, BFloat16Bits.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source)));
                break;
            case TensorDatatype.Fp32: WriteFloat(writer, BinaryPrimitives.ReadSingleLittleEndian(source)); break;
            default: WriteDouble(writer, BinaryPrimitives.ReadDoubleLittleEndian(source)); break;
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
            return;
        }

        writer.WriteStringValue(NonFiniteName(value));
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
            return;
        }

        writer.WriteStringValue(NonFiniteName(value));
    }

    private static string NonFiniteName(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
