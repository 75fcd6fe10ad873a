using System.Net;
using Frugal.Engine.ModelArchive;
using Google;
using Google.Cloud.Storage.V1;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace Frugal.ModelRegistry;

/// <summary>
/// Models in a Google Cloud Storage bucket. An object's class changes only by rewriting it in place
/// (<c>objects.rewrite</c> with the new <c>storageClass</c>), which the API may do in several calls: each call
/// returns a rewrite token until it says done. The rewrite is tied to the generation that was read, so an object
/// replaced meanwhile is not overwritten. Every class of GCS is readable at once, so nothing needs rehydrating.
/// Pins and served times are object metadata (<c>frugal-pin</c>, <c>frugal-last-served</c>).
/// </summary>
public sealed class GcsRegistry(string name, StorageClient client, string bucket, string prefix, string pinLabel)
    : IModelRegistry
{
    public string Name => name;

    public string TierName(StorageTier tier) => ClassOf(tier);

    public async Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string? model, CancellationToken ct) =>
        await ListAsync(model is null ? prefix : $"{prefix}{model}/", ct).ConfigureAwait(false);

    public async Task<ModelVersionInfo?> GetVersionAsync(string model, string version, CancellationToken ct)
    {
        var listing = await ListAsync($"{prefix}{model}/", ct).ConfigureAwait(false);
        return listing.FirstOrDefault(v => v.Version == version);
    }

    public async Task ChangeTierAsync(
        string model, string version, string objectName, StorageTier tier, CancellationToken ct)
    {
        var path = $"{prefix}{model}/{version}/{objectName}";
        var current = await client.GetObjectAsync(bucket, path, cancellationToken: ct).ConfigureAwait(false);
        if (current.StorageClass == ClassOf(tier))
        {
            return;
        }

        // The body names every setting the object keeps: a rewrite takes the destination's metadata from it.
        var body = new GcsObject
        {
            StorageClass = ClassOf(tier),
            ContentType = current.ContentType,
            Metadata = current.Metadata,
        };
        var request = client.Service.Objects.Rewrite(body, bucket, path, bucket, path);
        request.IfSourceGenerationMatch = current.Generation;
        var response = await request.ExecuteAsync(ct).ConfigureAwait(false);
        while (response.Done != true)
        {
            request.RewriteToken = response.RewriteToken;
            response = await request.ExecuteAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string model, string version, string objectName, CancellationToken ct)
    {
        try
        {
            await client.DeleteObjectAsync(bucket, $"{prefix}{model}/{version}/{objectName}", cancellationToken: ct)
                .ConfigureAwait(false);
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            // Gone already: deleted by an earlier attempt that died before the journal heard of it.
        }
    }

    private async Task<List<ModelVersionInfo>> ListAsync(string listPrefix, CancellationToken ct)
    {
        var folders = new Dictionary<(string Model, string Version), List<(string Name, GcsObject Item)>>();
        var aliasFiles = new List<string>();
        var objects = client.ListObjectsAsync(bucket, listPrefix, new ListObjectsOptions { PageSize = 1000 });
        await foreach (var item in objects.WithCancellation(ct).ConfigureAwait(false))
        {
            var parts = item.Name[prefix.Length..].Split('/', 3);
            if (parts.Length == 2 && parts[1] == RegistryLayout.AliasesFile)
            {
                aliasFiles.Add(item.Name);
            }
            else if (parts.Length == 3 && parts[2].Length > 0)
            {
                var key = (parts[0], parts[1]);
                if (!folders.TryGetValue(key, out var folder))
                {
                    folders[key] = folder = [];
                }

                folder.Add((parts[2], item));
            }
        }

        var aliases = await AliasesAsync(aliasFiles, ct).ConfigureAwait(false);
        return [.. folders
            .Select(f => ToVersion(f.Key.Model, f.Key.Version, f.Value, aliases.GetValueOrDefault(f.Key.Model)))
            .OfType<ModelVersionInfo>()];
    }

    private ModelVersionInfo? ToVersion(
        string model, string version, List<(string Name, GcsObject Item)> items,
        Dictionary<string, List<string>>? aliases)
    {
        var objects = items.Where(i => RegistryLayout.IsModelObject(i.Name)).ToList();
        if (objects.Count == 0)
        {
            return null;
        }

        var marker = items.FirstOrDefault(i => i.Name == MarkerServingHistory.MarkerName).Item;
        return new ModelVersionInfo(model, version,
            objects.Min(o => o.Item.TimeCreatedDateTimeOffset ?? DateTimeOffset.MaxValue),
            [.. objects.Select(o => new ModelObject(o.Name, (long)(o.Item.Size ?? 0), TierOf(o.Item.StorageClass)))])
        {
            Aliases = aliases?.GetValueOrDefault(version) ?? [],
            Pinned = objects.Any(o => RegistryLayout.IsTrue(Meta(o.Item, pinLabel))),
            LastServed = marker is null ? null
                : RegistryLayout.ParseInstant(Meta(marker, RegistryLayout.LastServedKey))
                    ?? marker.UpdatedDateTimeOffset,
            TierChangedAt = objects.Max(o => o.Item.TimeStorageClassUpdatedDateTimeOffset),
        };
    }

    private async Task<Dictionary<string, Dictionary<string, List<string>>>> AliasesAsync(
        List<string> files, CancellationToken ct)
    {
        var byModel = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var content = new MemoryStream();
            await client.DownloadObjectAsync(bucket, file, content, cancellationToken: ct).ConfigureAwait(false);
            var model = file[prefix.Length..].Split('/')[0];
            var text = System.Text.Encoding.UTF8.GetString(content.ToArray());
            byModel[model] = RegistryLayout.AliasesByVersion(text, $"gs://{bucket}/{file}");
        }

        return byModel;
    }

    private static string? Meta(GcsObject item, string key) =>
        item.Metadata is { } metadata && metadata.TryGetValue(key, out var value) ? value : null;

    private static string ClassOf(StorageTier tier) => tier switch
    {
        StorageTier.Hot => "STANDARD",
        StorageTier.Cool => "NEARLINE",
        StorageTier.Cold => "COLDLINE",
        _ => "ARCHIVE",
    };

    // Legacy classes (MULTI_REGIONAL, REGIONAL, DURABLE_REDUCED_AVAILABILITY) are all priced as hot storage.
    private static StorageTier TierOf(string? storageClass) => storageClass switch
    {
        "NEARLINE" => StorageTier.Cool,
        "COLDLINE" => StorageTier.Cold,
        "ARCHIVE" => StorageTier.Archive,
        _ => StorageTier.Hot,
    };
}
