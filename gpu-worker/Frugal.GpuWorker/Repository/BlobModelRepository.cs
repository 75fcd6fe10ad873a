using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Frugal.GpuWorker.Repository;

/// <summary>A model repository in an Azure Blob container, under an optional name prefix.</summary>
internal sealed class BlobModelRepository(BlobContainerClient container, string prefix) : IModelRepository
{
    private readonly string prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    public string Location => $"{container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{prefix}";

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsByHierarchyAsync(
            BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = item.IsPrefix ? item.Prefix[prefix.Length..].TrimEnd('/') : null;
            if (ModelPath.IsValidModelName(name))
            {
                models.Add(name!);
            }
        }

        return models.ToArray();
    }

    public async Task<IReadOnlyList<string>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var modelPrefix = $"{prefix}{model}/";
        var versions = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(
            BlobTraits.None, BlobStates.None, modelPrefix, cancellationToken).ConfigureAwait(false))
        {
            var parts = blob.Name[modelPrefix.Length..].Split('/');
            if (parts.Length == 2 && parts[1] == ModelPath.ModelFileName)
            {
                versions.Add(parts[0]);
            }
        }

        return ModelPath.SortVersions(versions);
    }

    public async Task<byte[]?> ReadAsync(
        string model, string version, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var blob = container.GetBlobClient($"{prefix}{model}/{version}/{fileName}");
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteAsync(
        string model, string version, string fileName, byte[] bytes, CancellationToken cancellationToken)
    {
        // A block blob upload commits at once, so a reader never sees half a model.
        var blob = container.GetBlobClient($"{prefix}{model}/{version}/{fileName}");
        await blob.UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
