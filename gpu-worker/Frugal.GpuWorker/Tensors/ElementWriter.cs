using System.Buffers.Binary;
using System.Globalization;

namespace Frugal.GpuWorker.Tensors;

/// <summary>Writes a number read from a file (JSON Lines, CSV, NPY) as one element of a tensor's datatype.</summary>
internal static class ElementWriter
{
    public static void Write(TensorDatatype type, double value, Span<byte> target)
    {
        switch (type)
        {
            case TensorDatatype.Fp32: BinaryPrimitives.WriteSingleLittleEndian(target, (float)value); break;
            case TensorDatatype.Fp64: BinaryPrimitives.WriteDoubleLittleEndian(target, value); break;
            case TensorDatatype.Fp16: BinaryPrimitives.WriteHalfLittleEndian(target, (Half)value); break;
            case TensorDatatype.Bf16:
                BinaryPrimitives.WriteUInt16LittleEndian(target, BFloat16Bits.FromSingle((float)value));
                break;
            case TensorDatatype.Int64: BinaryPrimitives.WriteInt64LittleEndian(target, Whole<long>(value)); break;
            case TensorDatatype.Int32: BinaryPrimitives.WriteInt32LittleEndian(target, Whole<int>(value)); break;
            case TensorDatatype.Int16: BinaryPrimitives.WriteInt16LittleEndian(target, Whole<short>(value)); break;
            case TensorDatatype.Int8: target[0] = unchecked((byte)Whole<sbyte>(value)); break;
            case TensorDatatype.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(target, Whole<ulong>(value)); break;
            case TensorDatatype.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(target, Whole<uint>(value)); break;
            case TensorDatatype.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(target, Whole<ushort>(value)); break;
            case TensorDatatype.UInt8: target[0] = Whole<byte>(value); break;
            case TensorDatatype.Bool: target[0] = value != 0 ? (byte)1 : (byte)0; break;
            default: throw new FormatException($"datatype {type.WireName()} cannot be read from a file");
        }
    }

    /// <summary>Reads element <paramref name="index"/> of raw tensor bytes as a double, for text outputs.</summary>
    public static double Read(TensorDatatype type, ReadOnlySpan<byte> bytes, int index)
    {
        var at = bytes[(index * type.ElementSize())..];
        return type switch
        {
            TensorDatatype.Fp32 => BinaryPrimitives.ReadSingleLittleEndian(at),
            TensorDatatype.Fp64 => BinaryPrimitives.ReadDoubleLittleEndian(at),
            TensorDatatype.Fp16 => (double)BinaryPrimitives.ReadHalfLittleEndian(at),
            TensorDatatype.Bf16 => BFloat16Bits.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(at)),
            TensorDatatype.Int64 => BinaryPrimitives.ReadInt64LittleEndian(at),
            TensorDatatype.Int32 => BinaryPrimitives.ReadInt32LittleEndian(at),
            TensorDatatype.Int16 => BinaryPrimitives.ReadInt16LittleEndian(at),
            TensorDatatype.Int8 => unchecked((sbyte)at[0]),
            TensorDatatype.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(at),
            TensorDatatype.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(at),
            TensorDatatype.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(at),
            _ => at[0],
        };
    }

    private static T Whole<T>(double value)
        where T : System.Numerics.INumber<T>
    {
        if (value != Math.Round(value))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{value} is not a whole number"));
        }

        return T.CreateChecked(value);
    }
}
