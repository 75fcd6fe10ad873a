using System.Net;
using Google;
using Google.Cloud.Storage.V1;

namespace Frugal.GpuWorker.Repository;

/// <summary>
/// A model repository in a Google Cloud Storage bucket, under an optional name prefix. GCS has no folders, so models
/// and versions are read from the object names under the prefix (a model repository holds few objects).
/// </summary>
internal sealed class GcsModelRepository(StorageClient client, string bucket, string prefix) : IModelRepository
{
    private readonly string prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    public string Location => $"gs://{bucket}/{prefix}";

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var (model, _) in VersionFilesAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            models.Add(model);
        }

        return models.ToArray();
    }

    public async Task<IReadOnlyList<string>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        await foreach (var (found, version) in VersionFilesAsync($"{prefix}{model}/", cancellationToken)
            .ConfigureAwait(false))
        {
            if (found == model)
            {
                versions.Add(version);
            }
        }

        return ModelPath.SortVersions(versions);
    }

    public async Task<byte[]?> ReadAsync(
        string model, string version, string fileName, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        try
        {
            await client.DownloadObjectAsync(
                bucket, $"{prefix}{model}/{version}/{fileName}", content, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (GoogleApiException exception) when (exception.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return content.ToArray();
    }

    public async Task WriteAsync(
        string model, string version, string fileName, byte[] bytes, CancellationToken cancellationToken)
    {
        // An object upload becomes visible only once complete, so a reader never sees half a model.
        using var content = new MemoryStream(bytes, writable: false);
        await client.UploadObjectAsync(
            bucket, $"{prefix}{model}/{version}/{fileName}", "application/octet-stream", content,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every <c>{model}/{version}/model.onnx</c> object under a name prefix, as (model, version).</summary>
    private async IAsyncEnumerable<(string Model, string Version)> VersionFilesAsync(
        string namePrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in client.ListObjectsAsync(bucket, namePrefix)
            .WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var parts = item.Name[prefix.Length..].Split('/');
            if (parts.Length == 3 && parts[2] == ModelPath.ModelFileName && ModelPath.IsValidModelName(parts[0]))
            {
                yield return (parts[0], parts[1]);
            }
        }
    }
}
