using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>Reads and writes the values of ONNX initializers held inside the model file.</summary>
internal static class FloatInitializer
{
    /// <summary>The values of a float initializer stored in the file, or null for any other kind.</summary>
    public static float[]? TryRead(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float
            || tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return null;
        }

        return tensor.RawData.IsEmpty
            ? tensor.FloatData.ToArray()
            : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
    }

    public static TensorProto Create<T>(
        string name, TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var tensor = new TensorProto
        {
            Name = name,
            DataType = (int)type,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)),
        };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
