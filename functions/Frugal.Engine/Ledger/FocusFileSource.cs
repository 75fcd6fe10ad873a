using System.IO.Compression;

namespace Frugal.Engine.Ledger;

/// <summary>Opens a FOCUS file for reading, seeing through gzip by its magic bytes rather than its name.</summary>
internal static class FocusFileSource
{
    public static Stream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new FrugalInputException($"{path}: is a folder, not a FOCUS file");
        }

        if (!File.Exists(path))
        {
            throw new FrugalInputException($"{path}: file not found");
        }

        FileStream file;
        try
        {
            // No FileStream buffer: the reader asks for megabytes at a time, a second copy would only cost.
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new FrugalInputException($"{path}: cannot be read: {ex.Message}", ex);
        }

        if (!IsGzip(file))
        {
            return file;
        }

        try
        {
            var expectedSize = GzipTrailerCheck.ReadExpectedSize(file);
            return new GzipTrailerCheck(new GZipStream(file, CompressionMode.Decompress), expectedSize);
        }
        catch (InvalidDataException ex)
        {
            file.Dispose();
            throw new FrugalInputException($"{path}: corrupt gzip data: {ex.Message}", ex);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }
}
