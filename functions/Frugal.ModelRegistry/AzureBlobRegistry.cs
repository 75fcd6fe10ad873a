using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Frugal.Engine.ModelArchive;

namespace Frugal.ModelRegistry;

/// <summary>
/// Models in an Azure Blob container. Classes are access tiers set per blob (Hot, Cool, Cold, Archive); leaving
/// Archive is a rehydration that takes hours, reported through the blob's archive status. Azure metadata names
/// must be C# identifiers, so the pin label and the served key are read with '-' written as '_'
/// (<c>frugal_pin</c>, <c>frugal_last_served</c>).
/// </summary>
public sealed class AzureBlobRegistry(
    string name, BlobContainerClient container, string prefix, string pinLabel, bool highPriorityRehydration)
    : IModelRegistry
{
    private readonly string _pinKey = MetadataName(pinLabel);

    public string Name => name;

    public string TierName(StorageTier tier) => tier.ToString();

    public async Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string? model, CancellationToken ct)
    {
        var listing = await ListAsync(model is null ? prefix : $"{prefix}{model}/", ct).ConfigureAwait(false);
        return [.. listing];
    }

    public async Task<ModelVersionInfo?> GetVersionAsync(string model, string version, CancellationToken ct)
    {
        var listing = await ListAsync($"{prefix}{model}/", ct).ConfigureAwait(false);
        return listing.FirstOrDefault(v => v.Version == version);
    }

    public async Task ChangeTierAsync(
        string model, string version, string objectName, StorageTier tier, CancellationToken ct)
    {
        var blob = container.GetBlobClient($"{prefix}{model}/{version}/{objectName}");
        var priority = highPriorityRehydration ? RehydratePriority.High : RehydratePriority.Standard;
        try
        {
            await blob.SetAccessTierAsync(AccessTierOf(tier), rehydratePriority: priority, cancellationToken: ct)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobBeingRehydrated)
        {
            // Already on its way out of Archive: asking again changes nothing, and the restore waits for it.
        }
    }

    public async Task DeleteAsync(string model, string version, string objectName, CancellationToken ct)
    {
        var blob = container.GetBlobClient($"{prefix}{model}/{version}/{objectName}");
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct)
            .ConfigureAwait(false);
    }

    private async Task<List<ModelVersionInfo>> ListAsync(string listPrefix, CancellationToken ct)
    {
        var folders = new Dictionary<(string Model, string Version), VersionFolder>();
        var aliasFiles = new List<string>();
        var options = new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = listPrefix };
        await foreach (var item in container.GetBlobsAsync(options, ct).ConfigureAwait(false))
        {
            var parts = item.Name[prefix.Length..].Split('/', 3);
            if (parts.Length == 2 && parts[1] == RegistryLayout.AliasesFile)
            {
                aliasFiles.Add(item.Name);
            }
            else if (parts.Length == 3)
            {
                var key = (parts[0], parts[1]);
                if (!folders.TryGetValue(key, out var folder))
                {
                    folders[key] = folder = new VersionFolder();
                }

                folder.Add(parts[2], item);
            }
        }

        var aliases = await AliasesAsync(aliasFiles, ct).ConfigureAwait(false);
        return [.. folders.Where(f => f.Value.Objects.Count > 0).Select(f => f.Value.ToVersion(
            f.Key.Model, f.Key.Version, aliases.GetValueOrDefault(f.Key.Model), _pinKey))];
    }

    private async Task<Dictionary<string, Dictionary<string, List<string>>>> AliasesAsync(
        List<string> files, CancellationToken ct)
    {
        var byModel = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var content = await container.GetBlobClient(file).DownloadContentAsync(ct).ConfigureAwait(false);
            var model = file[prefix.Length..].Split('/')[0];
            byModel[model] = RegistryLayout.AliasesByVersion(content.Value.Content.ToString(), $"{name}:{file}");
        }

        return byModel;
    }

    private static AccessTier AccessTierOf(StorageTier tier) => tier switch
    {
        StorageTier.Hot => AccessTier.Hot,
        StorageTier.Cool => AccessTier.Cool,
        StorageTier.Cold => AccessTier.Cold,
        _ => AccessTier.Archive,
    };

    private static string MetadataName(string label) => label.Replace('-', '_');

    /// <summary>The blobs of one version folder as the listing finds them.</summary>
    private sealed class VersionFolder
    {
        public List<(ModelObject Object, BlobItem Item)> Objects { get; } = [];

        public BlobItem? Marker { get; private set; }

        public void Add(string objectName, BlobItem item)
        {
            if (objectName == MarkerServingHistory.MarkerName)
            {
                Marker = item;
            }
            else if (RegistryLayout.IsModelObject(objectName))
            {
                Objects.Add((new ModelObject(objectName, item.Properties.ContentLength ?? 0,
                    TierOf(item.Properties.AccessTier), IsRehydrating(item.Properties.ArchiveStatus)), item));
            }
        }

        public ModelVersionInfo ToVersion(
            string model, string version, Dictionary<string, List<string>>? aliases, string pinKey) =>
            new(model, version, Objects.Min(o => o.Item.Properties.CreatedOn ?? DateTimeOffset.MaxValue),
                [.. Objects.Select(o => o.Object)])
            {
                Aliases = aliases?.GetValueOrDefault(version) ?? [],
                Pinned = Objects.Any(o => RegistryLayout.IsTrue(Meta(o.Item, pinKey))),
                LastServed = Marker is null ? null : LastServed(Marker),
                TierChangedAt = Objects.Max(o => o.Item.Properties.AccessTierChangedOn),
            };

        private static DateTimeOffset? LastServed(BlobItem marker) =>
            RegistryLayout.ParseInstant(Meta(marker, MetadataName(RegistryLayout.LastServedKey)))
                ?? marker.Properties.LastModified;

        private static string? Meta(BlobItem item, string key) =>
            item.Metadata is { } metadata && metadata.TryGetValue(key, out var value) ? value : null;

        private static StorageTier TierOf(AccessTier? tier) =>
            tier == AccessTier.Archive ? StorageTier.Archive
            : tier == AccessTier.Cold ? StorageTier.Cold
            : tier == AccessTier.Cool ? StorageTier.Cool
            : StorageTier.Hot;

        private static bool IsRehydrating(ArchiveStatus? status) =>
            status == ArchiveStatus.RehydratePendingToHot || status == ArchiveStatus.RehydratePendingToCool
            || status == ArchiveStatus.RehydratePendingToCold;
    }
}
