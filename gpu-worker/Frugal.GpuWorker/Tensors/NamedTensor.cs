namespace Frugal.GpuWorker.Tensors;

/// <summary>
/// A dense tensor as raw little-endian bytes in row-major order. Keeping one representation for every datatype
/// makes batching a byte concatenation, hashing a pass over the bytes, and binding to ONNX Runtime a pin.
/// </summary>
internal sealed record NamedTensor(string Name, TensorDatatype Datatype, long[] Shape, byte[] Bytes)
{
    public long ElementCount => ElementCountOf(Shape);

    /// <summary>Rows along the first dimension, or 1 for a scalar.</summary>
    public long Rows => Shape.Length == 0 ? 1 : Shape[0];

    public static long ElementCountOf(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            count = checked(count * dimension);
        }

        return count;
    }

    public static NamedTensor FromFloats(string name, long[] shape, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        return new NamedTensor(name, TensorDatatype.Fp32, shape, bytes);
    }

    public ReadOnlySpan<float> AsFloats() =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Bytes.AsSpan());
}
