using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Jobs;

/// <summary>Reads NumPy's .npy format (versions 1 to 3): little-endian numbers in C order.</summary>
internal static partial class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static NamedTensor Read(byte[] content, string location, TensorSpec input)
    {
        var (descr, fortran, shape, dataStart) = ReadHeader(content, location);
        if (fortran)
        {
            throw new JobInputException($"{location}: Fortran-ordered arrays are not read; save with C order");
        }

        var source = SourceType(descr, location);
        var target = input.Datatype ?? throw new JobInputException(
            $"{location}: input '{input.Name}' is of type {input.ElementType}, which batch jobs cannot fill");
        var count = NamedTensor.ElementCountOf(shape);
        var sourceSize = source.ElementSize();
        if (content.LongLength - dataStart < count * sourceSize)
        {
            throw new JobInputException($"{location}: the file ends before the {count} elements its header promises");
        }

        if (shape.Length == 0)
        {
            throw new JobInputException($"{location}: a scalar array has no rows");
        }

        var inner = BatchInputReader.InnerShape(input, NamedTensor.ElementCountOf(shape.AsSpan(1)), location);
        if (NamedTensor.ElementCountOf(inner) != NamedTensor.ElementCountOf(shape.AsSpan(1)))
        {
            throw new JobInputException(string.Create(CultureInfo.InvariantCulture,
                $"{location}: rows of shape [{string.Join(",", shape.Skip(1))}] do not fit input '{input.Name}'"));
        }

        var data = content.AsSpan(dataStart);
        var bytes = new byte[count * target.ElementSize()];
        for (var i = 0; i < count; i++)
        {
            var value = ElementWriter.Read(source, data, i);
            ElementWriter.Write(target, value, bytes.AsSpan(i * target.ElementSize(), target.ElementSize()));
        }

        return new NamedTensor(input.Name, target, [shape[0], .. inner], bytes);
    }

    private static (string Descr, bool Fortran, long[] Shape, int DataStart) ReadHeader(byte[] content, string location)
    {
        if (content.Length < 10 || !content.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new JobInputException($"{location}: not a .npy file (the magic string is missing)");
        }

        var major = content[6];
        var lengthBytes = major == 1 ? 2 : 4;
        var headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(8))
            : (int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(8));
        var headerStart = 8 + lengthBytes;
        if (headerStart + headerLength > content.Length)
        {
            throw new JobInputException($"{location}: the .npy header is cut short");
        }

        var header = Encoding.Latin1.GetString(content, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !shape.Success)
        {
            throw new JobInputException($"{location}: the .npy header lacks 'descr' or 'shape'");
        }

        var dims = shape.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        return (descr.Groups[1].Value, FortranPattern().IsMatch(header), dims, headerStart + headerLength);
    }

    private static TensorDatatype SourceType(string descr, string location) => descr switch
    {
        "<f4" => TensorDatatype.Fp32,
        "<f8" => TensorDatatype.Fp64,
        "<f2" => TensorDatatype.Fp16,
        "<i8" => TensorDatatype.Int64,
        "<i4" => TensorDatatype.Int32,
        "<i2" => TensorDatatype.Int16,
        "|i1" => TensorDatatype.Int8,
        "|u1" => TensorDatatype.UInt8,
        "|b1" => TensorDatatype.Bool,
        _ => throw new JobInputException($"{location}: dtype '{descr}' is not read (little-endian numbers only)"),
    };

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();
}
