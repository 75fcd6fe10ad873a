using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Frugal.GpuWorker.Tests;

/// <summary>Writes a version 1.0 .npy file of little-endian float32, as NumPy's <c>np.save</c> would.</summary>
internal static class NpyFile
{
    public static byte[] Float32(float[] values, params int[] shape)
    {
        var dims = shape.Length == 1
            ? $"{shape[0]},"
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        var padded = header.PadRight(((header.Length + 10 + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)padded.Length));
        stream.Write(Encoding.Latin1.GetBytes(padded));
        stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        return stream.ToArray();
    }
}
