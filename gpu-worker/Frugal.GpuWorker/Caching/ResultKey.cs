using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Caching;

/// <summary>
/// The identity of a request: SHA-256 over the model, its version, the wanted outputs and every input's name,
/// datatype, shape and bytes. Two requests with the same key get the same answer from a deterministic model.
/// </summary>
internal readonly record struct ResultKey(UInt128 High, UInt128 Low)
{
    public static ResultKey For(string model, string version, InferenceRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendText(hash, model);
        AppendText(hash, version);
        foreach (var output in request.Outputs)
        {
            AppendText(hash, output);
        }

        Span<byte> number = stackalloc byte[8];
        foreach (var input in request.Inputs)
        {
            AppendText(hash, input.Name);
            AppendText(hash, input.Datatype.WireName());
            BinaryPrimitives.WriteInt64LittleEndian(number, input.Shape.Length);
            hash.AppendData(number);
            foreach (var dimension in input.Shape)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, dimension);
                hash.AppendData(number);
            }

            hash.AppendData(input.Bytes);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return FromDigest(digest);
    }

    private static ResultKey FromDigest(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt128LittleEndian(digest[..16]),
        BinaryPrimitives.ReadUInt128LittleEndian(digest[16..]));

    /// <summary>A key for a synthetic request numbered <paramref name="value"/>, digested like a real one.</summary>
    public static ResultKey FromNumber(long value)
    {
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, value);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(number, digest);
        return FromDigest(digest);
    }

    /// <summary>The digest's own bits: already uniform, and the same in every process (unlike a seeded hash).</summary>
    public override int GetHashCode() => (int)(ulong)Low;

    private static void AppendText(IncrementalHash hash, string text)
    {
        // Length first, so ("ab","c") and ("a","bc") never hash alike.
        Span<byte> length = stackalloc byte[4];
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
