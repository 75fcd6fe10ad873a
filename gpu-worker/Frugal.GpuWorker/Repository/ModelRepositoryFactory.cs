using Azure.Storage.Blobs;
using Google.Cloud.Storage.V1;
using Frugal.Engine;
using Frugal.GpuWorker.Configuration;

namespace Frugal.GpuWorker.Repository;

/// <summary>
/// Chooses the repository from the address given with <c>--model-repository</c>: a folder or <c>file://</c> URI,
/// <c>azblob://container/prefix</c> (with <c>StorageConnectionString</c>), or a blob container URL (read with
/// <c>StorageConnectionString</c> when set, otherwise with the URL's own SAS or anonymously), or
/// <c>gs://bucket/prefix</c> (application default credentials, or <c>GcsEndpoint</c> for an emulator).
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
            "gs" => FromGcs(options, uri.Host, uri.AbsolutePath.Trim('/')),
            _ => throw new FrugalInputException(
                $"{WorkerOptions.Section}:ModelRepository: scheme '{uri.Scheme}' is not supported; use a folder, " +
                "file://, azblob://container/prefix, gs://bucket/prefix or a blob container URL"),
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

    private static GcsModelRepository FromGcs(WorkerOptions options, string bucket, string prefix)
    {
        if (options.GcsEndpoint is { Length: > 0 } endpoint)
        {
            var emulated = new StorageClientBuilder { BaseUri = endpoint, UnauthenticatedAccess = true }.Build();
            return new GcsModelRepository(emulated, bucket, prefix);
        }

        try
        {
            return new GcsModelRepository(StorageClient.Create(), bucket, prefix);
        }
        catch (InvalidOperationException exception)
        {
            throw new FrugalInputException(
                $"{WorkerOptions.Section}:ModelRepository is gs://{bucket} but no Google credentials were found " +
                "(application default credentials: GOOGLE_APPLICATION_CREDENTIALS or the metadata server)", exception);
        }
    }
}
