using Microsoft.ML.OnnxRuntime.Tensors;

namespace Frugal.GpuWorker.Tensors;

/// <summary>The element types of the Open Inference Protocol that the worker carries, with their wire names.</summary>
internal enum TensorDatatype
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Fp16,
    Bf16,
    Fp32,
    Fp64,
}

/// <summary>Wire names, element sizes and the ONNX Runtime element type of each <see cref="TensorDatatype"/>.</summary>
internal static class TensorDatatypes
{
    public static string WireName(this TensorDatatype type) => type switch
    {
        TensorDatatype.Bool => "BOOL",
        TensorDatatype.UInt8 => "UINT8",
        TensorDatatype.UInt16 => "UINT16",
        TensorDatatype.UInt32 => "UINT32",
        TensorDatatype.UInt64 => "UINT64",
        TensorDatatype.Int8 => "INT8",
        TensorDatatype.Int16 => "INT16",
        TensorDatatype.Int32 => "INT32",
        TensorDatatype.Int64 => "INT64",
        TensorDatatype.Fp16 => "FP16",
        TensorDatatype.Bf16 => "BF16",
        TensorDatatype.Fp32 => "FP32",
        TensorDatatype.Fp64 => "FP64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParseWireName(string? name, out TensorDatatype type)
    {
        foreach (var candidate in Enum.GetValues<TensorDatatype>())
        {
            if (string.Equals(candidate.WireName(), name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static int ElementSize(this TensorDatatype type) => type switch
    {
        TensorDatatype.Bool or TensorDatatype.UInt8 or TensorDatatype.Int8 => 1,
        TensorDatatype.UInt16 or TensorDatatype.Int16 or TensorDatatype.Fp16 or TensorDatatype.Bf16 => 2,
        TensorDatatype.UInt32 or TensorDatatype.Int32 or TensorDatatype.Fp32 => 4,
        _ => 8,
    };

    public static TensorElementType ToOrt(this TensorDatatype type) => type switch
    {
        TensorDatatype.Bool => TensorElementType.Bool,
        TensorDatatype.UInt8 => TensorElementType.UInt8,
        TensorDatatype.UInt16 => TensorElementType.UInt16,
        TensorDatatype.UInt32 => TensorElementType.UInt32,
        TensorDatatype.UInt64 => TensorElementType.UInt64,
        TensorDatatype.Int8 => TensorElementType.Int8,
        TensorDatatype.Int16 => TensorElementType.Int16,
        TensorDatatype.Int32 => TensorElementType.Int32,
        TensorDatatype.Int64 => TensorElementType.Int64,
        TensorDatatype.Fp16 => TensorElementType.Float16,
        TensorDatatype.Bf16 => TensorElementType.BFloat16,
        TensorDatatype.Fp32 => TensorElementType.Float,
        TensorDatatype.Fp64 => TensorElementType.Double,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The datatype for an ONNX Runtime element type, or null for one the protocol cannot carry.</summary>
    public static TensorDatatype? FromOrt(TensorElementType type) => type switch
    {
        TensorElementType.Bool => TensorDatatype.Bool,
        TensorElementType.UInt8 => TensorDatatype.UInt8,
        TensorElementType.UInt16 => TensorDatatype.UInt16,
        TensorElementType.UInt32 => TensorDatatype.UInt32,
        TensorElementType.UInt64 => TensorDatatype.UInt64,
        TensorElementType.Int8 => TensorDatatype.Int8,
        TensorElementType.Int16 => TensorDatatype.Int16,
        TensorElementType.Int32 => TensorDatatype.Int32,
        TensorElementType.Int64 => TensorDatatype.Int64,
        TensorElementType.Float16 => TensorDatatype.Fp16,
        TensorElementType.BFloat16 => TensorDatatype.Bf16,
        TensorElementType.Float => TensorDatatype.Fp32,
        TensorElementType.Double => TensorDatatype.Fp64,
        _ => null,
    };
}
