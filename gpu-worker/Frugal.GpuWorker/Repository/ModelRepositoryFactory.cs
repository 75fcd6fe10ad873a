using Azure.Storage.Blobs;
using Frugal.Engine;
using Frugal.GpuWorker.Configuration;

namespace Frugal.GpuWorker.Repository;

/// <summary>
/// Chooses the repository from the address given with <c>--model-repository</c>: a folder or <c>file://</c> URI,
/// <c>azblob://container/prefix</c> (with <c>StorageConnectionString</c>), or a blob container URL (read with
/// <c>StorageConnectionString</c> when set, otherwise with the URL's own SAS or anonymously).
/// </summary>
internal static class ModelRepositoryFactory
{
    public static IModelRepository Create(WorkerOptions options)
    {
        var location = options.ModelRepository.Trim();
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return new LocalModelRepository(uri is { IsFile: true } ? uri.LocalPath : location);
        }

        return uri.Scheme switch
        {
            "azblob" => FromConnectionString(options, uri.Host, uri.AbsolutePath.Trim('/')),
            "http" or "https" => FromUrl(options, uri),
            _ => throw new FrugalInputException(
                $"{WorkerOptions.Section}:ModelRepository: scheme '{uri.Scheme}' is not supported; use a folder, " +
                "file://, azblob://container/prefix or a blob container URL"),
        };
    }

    private static BlobModelRepository FromConnectionString(WorkerOptions options, string container, string prefix)
    {
        var connection = options.StorageConnectionString is { Length: > 0 } value
            ? value
            : throw new FrugalInputException(
                $"{WorkerOptions.Section}:ModelRepository is azblob:// but {WorkerOptions.Section}:" +
                "StorageConnectionString is not set");
        return new BlobModelRepository(new BlobServiceClient(connection).GetBlobContainerClient(container), prefix);
    }

    private static BlobModelRepository FromUrl(WorkerOptions options, Uri uri)
    {
        var parts = new BlobUriBuilder(uri);
        if (options.StorageConnectionString is { Length: > 0 })
        {
            return FromConnectionString(options, parts.BlobContainerName, parts.BlobName);
        }

        var prefix = parts.BlobName;
        parts.BlobName = "";
        return new BlobModelRepository(new BlobContainerClient(parts.ToUri()), prefix);
    }
}
