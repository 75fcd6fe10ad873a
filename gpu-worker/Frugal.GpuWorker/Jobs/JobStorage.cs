using Azure;
using Azure.Storage.Blobs;
using Frugal.GpuWorker.Configuration;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Jobs;

/// <summary>
/// Reads and writes job files wherever a job names them: a blob URL (reached with the jobs' connection string, so
/// the URL carries no secret) or a local path, plain or as <c>file://</c>.
/// </summary>
internal sealed class JobStorage(IOptions<WorkerOptions> options)
{
    private readonly Lazy<BlobServiceClient?> blobs = new(() =>
        options.Value.Jobs.ConnectionString is { Length: > 0 } connection ? new BlobServiceClient(connection) : null);

    public async Task<byte[]?> ReadAsync(string location, CancellationToken cancellationToken)
    {
        if (BlobFor(location) is { } blob)
        {
            try
            {
                var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                return content.Value.Content.ToArray();
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                return null;
            }
        }

        var path = LocalPath(location);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task WriteAsync(string location, byte[] content, CancellationToken cancellationToken)
    {
        if (BlobFor(location) is { } blob)
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        var path = LocalPath(location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, content, cancellationToken).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>A location beside <paramref name="input"/>: same folder or container, another file name.</summary>
    public static string Beside(string input, string fileName)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return new Uri(uri, fileName).ToString();
        }

        return Path.Combine(Path.GetDirectoryName(LocalPath(input)) ?? ".", fileName);
    }

    public static string FileStem(string location)
    {
        var path = Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.AbsolutePath : location;
        return Path.GetFileNameWithoutExtension(path);
    }

    private BlobClient? BlobFor(string location)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return null;
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new JobInputException($"{location}: scheme '{uri.Scheme}' is not a blob URL or a file");
        }

        var client = blobs.Value ?? throw new JobInputException(
            $"{location}: a blob location needs {WorkerOptions.Section}:Jobs:ConnectionString");
        var parts = new BlobUriBuilder(uri);
        return client.GetBlobContainerClient(parts.BlobContainerName).GetBlobClient(parts.BlobName);
    }

    private static string LocalPath(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : location;
}
