using System.Buffers.Binary;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Reads a gzip stream and, at its end, checks the byte count against the size the file's trailer records.
/// .NET's GZipStream ends quietly on a truncated file (the usual damage of an interrupted download); this turns
/// that into an error. The trailer holds the size of the last member only, so a file made by concatenating
/// several gzip members is refused too: exports are written as one member, and such a file must be recompressed.
/// </summary>
internal sealed class GzipTrailerCheck(Stream decompressed, uint expectedSize) : Stream
{
    private uint _size;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The ISIZE field: the last four bytes of the file, little-endian.</summary>
    public static uint ReadExpectedSize(FileStream file)
    {
        Span<byte> trailer = stackalloc byte[4];
        if (file.Length < 18)
        {
            throw new InvalidDataException("the file is too short to be gzip");
        }

        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        file.Position = 0;
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(decompressed.Read(buffer));

    public override async ValueTask<int> ReadAsync(
        Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await decompressed.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decompressed.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        // ISIZE is the size modulo 2^32, so the count wraps the same way.
        _size = unchecked(_size + (uint)read);
        if (read == 0 && _size != expectedSize)
        {
            throw new InvalidDataException(
                $"the file is truncated or damaged: its trailer records {expectedSize} bytes, {_size} were read");
        }

        return read;
    }
}
