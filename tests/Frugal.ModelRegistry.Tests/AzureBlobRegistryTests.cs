using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Frugal.Engine.ModelArchive;

namespace Frugal.ModelRegistry.Tests;

/// <summary>The Azure Blob registry against Azurite: listing, tiers, pins, markers, deletes and restores.</summary>
public sealed class AzureBlobRegistryTests
{
    [Fact]
    public async Task ListVersionsAsync_Container_ReadsTiersAliasesPinsAndMarkers()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = await Azurite.NewContainerAsync(ct);
        await UploadAsync(container, "registry/m/1/model.onnx", 100, ct);
        await UploadAsync(container, "registry/m/2/model.onnx", 200, ct, new() { ["frugal_pin"] = "true" });
        await UploadAsync(container, "registry/m/1/_last_served", 1, ct,
            new() { ["frugal_last_served"] = "2026-10-01T00:00:00Z" });
        await container.GetBlobClient("registry/m/aliases.json")
            .UploadAsync(BinaryData.FromString("""{"production": "1"}"""), ct);
        await container.GetBlobClient("registry/m/1/model.onnx")
            .SetAccessTierAsync(AccessTier.Cool, cancellationToken: ct);

        var versions = (await Registry(container).ListVersionsAsync(null, ct)).OrderBy(v => v.Version).ToList();

        Assert.Equal(["1", "2"], versions.Select(v => v.Version));
        Assert.Equal(StorageTier.Cool, versions[0].Tier);
        Assert.Equal(["model.onnx"], versions[0].Objects.Select(o => o.Name));
        Assert.Equal(["production"], versions[0].Aliases);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), versions[0].LastServed);
        Assert.True(versions[1].Pinned);
        Assert.Equal(200, versions[1].SizeBytes);
    }

    [Theory]
    [InlineData(StorageTier.Cool)]
    [InlineData(StorageTier.Cold)]
    [InlineData(StorageTier.Archive)]
    public async Task ChangeTierAsync_Tier_SetOnTheBlob(StorageTier tier)
    {
        var ct = TestContext.Current.CancellationToken;
        var container = await Azurite.NewContainerAsync(ct);
        await UploadAsync(container, "m/1/model.onnx", 10, ct);

        await Registry(container, prefix: "").ChangeTierAsync("m", "1", "model.onnx", tier, ct);

        var properties = await container.GetBlobClient("m/1/model.onnx").GetPropertiesAsync(cancellationToken: ct);
        Assert.Equal(tier.ToString(), properties.Value.AccessTier);
    }

    [Fact]
    public async Task RestoreAsync_FromArchive_ReportsProgressUntilHot()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = await Azurite.NewContainerAsync(ct);
        await UploadAsync(container, "m/1/a.onnx", 10, ct);
        await UploadAsync(container, "m/1/b.onnx", 30, ct);
        var registry = Registry(container, prefix: "");
        await registry.ChangeTierAsync("m", "1", "a.onnx", StorageTier.Archive, ct);
        await registry.ChangeTierAsync("m", "1", "b.onnx", StorageTier.Archive, ct);
        using var temp = new TempRegistry();
        var cycle = ArchiveRun.Cycle(temp.StatePath, TimeProvider.System);

        var outcome = await cycle.RestoreAsync([registry], new ArchiveScope(Model: "m", Version: "1"), ct);

        // Real Azure keeps blobs rehydrating for hours; Azurite may finish at once. Both must read consistently.
        var version = (await registry.GetVersionAsync("m", "1", ct))!;
        Assert.Equal(version.Rehydrating ? ArchiveEntryState.Rehydrating : ArchiveEntryState.Done, outcome.State);
        Assert.Equal(2, outcome.Progress!.Objects);
        Assert.Equal(40, outcome.Progress.Bytes);
        Assert.Equal(RestoreProgress.Of(version), outcome.Progress);
    }

    [Fact]
    public async Task DeleteAsync_TwiceAndMissing_BothFine()
    {
        var ct = TestContext.Current.CancellationToken;
        var container = await Azurite.NewContainerAsync(ct);
        await UploadAsync(container, "m/1/model.onnx", 10, ct);
        var registry = Registry(container, prefix: "");

        await registry.DeleteAsync("m", "1", "model.onnx", ct);
        await registry.DeleteAsync("m", "1", "model.onnx", ct);

        Assert.Null(await registry.GetVersionAsync("m", "1", ct));
    }

    private static AzureBlobRegistry Registry(BlobContainerClient container, string prefix = "registry/") =>
        new("blob", container, prefix, "frugal-pin", highPriorityRehydration: false);

    private static async Task UploadAsync(
        BlobContainerClient container, string name, int size, CancellationToken ct,
        Dictionary<string, string>? metadata = null)
    {
        var options = new BlobUploadOptions { Metadata = metadata };
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(new byte[size]), options, ct);
    }
}
