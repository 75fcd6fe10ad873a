using Frugal.Engine.ModelArchive;
using Google.Cloud.Storage.V1;

namespace Frugal.ModelRegistry.Tests;

/// <summary>The GCS registry through the client's endpoint setting, against a stand-in checking each request.</summary>
public sealed class GcsRegistryTests
{
    [Fact]
    public async Task ListVersionsAsync_ManyPages_ReadsClassesAliasesPinsAndMarkers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gcs = await GcsStandIn.StartAsync(ct);
        gcs.Put("registry/m/1/model.onnx", 100, "NEARLINE");
        gcs.Put("registry/m/1/tokenizer.json", 5, "NEARLINE");
        gcs.Put("registry/m/1/_last_served", 0, metadata: new() { ["frugal-last-served"] = "2026-10-01T00:00:00Z" });
        gcs.Put("registry/m/2/model.onnx", 200, metadata: new() { ["frugal-pin"] = "true" });
        gcs.Put("registry/m/aliases.json", 0, content: """{"production": "2"}"""u8.ToArray());

        var versions = (await Registry(gcs).ListVersionsAsync(null, ct)).OrderBy(v => v.Version).ToList();

        Assert.Equal(["1", "2"], versions.Select(v => v.Version));
        Assert.Equal(StorageTier.Cool, versions[0].Tier);
        Assert.Equal(105, versions[0].SizeBytes);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), versions[0].LastServed);
        Assert.True(versions[1].Pinned);
        Assert.Equal(["production"], versions[1].Aliases);
        Assert.Contains(gcs.Requests, r => r.Contains("pageToken=", StringComparison.Ordinal));
        Assert.Contains(gcs.Requests, r => r.Contains("alt=media", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeTierAsync_Object_RewrittenToTheClassKeepingItsMetadata()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gcs = await GcsStandIn.StartAsync(ct);
        gcs.Put("registry/m/1/model.onnx", 100, metadata: new() { ["owner"] = "search" });

        await Registry(gcs).ChangeTierAsync("m", "1", "model.onnx", StorageTier.Archive, ct);

        Assert.Equal("ARCHIVE", gcs.ClassOf("registry/m/1/model.onnx"));
        Assert.Equal("search", gcs.MetadataOf("registry/m/1/model.onnx")!["owner"]);
        Assert.Equal(2, gcs.Requests.Count(r => r.Contains("/rewriteTo/", StringComparison.Ordinal)));
        Assert.Contains(gcs.Requests, r => r.Contains("rewriteToken=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyAsync_StaleVersionInBucket_WholeVersionMovedAndRestored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gcs = await GcsStandIn.StartAsync(ct);
        gcs.Put("registry/m/1/a.onnx", 10);
        gcs.Put("registry/m/1/b.onnx", 10);
        gcs.Put("registry/m/2/a.onnx", 10);
        var registry = Registry(gcs);
        using var temp = new TempRegistry();
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(400));
        var rules = new Engine.Policies.ArchiveRules { KeepNewest = 1, TargetTier = StorageTier.Cold };
        var local = ArchiveRun.Policy(temp.Root, rules);
        var policy = local with
        {
            ModelArchive = local.ModelArchive with
            {
                Registries = [local.ModelArchive.Registries[0] with { Name = "gcs" }],
            },
        };

        var run = await ArchiveRun.Cycle(temp.StatePath, later).ApplyAsync(policy, [registry], ArchiveScope.All, ct);
        var movedClasses = new[] { gcs.ClassOf("registry/m/1/a.onnx")!, gcs.ClassOf("registry/m/1/b.onnx")! };
        await ArchiveRun.Cycle(temp.StatePath, later)
            .RestoreAsync([registry], new ArchiveScope(Model: "m", Version: "1"), ct);

        Assert.Equal("gcs:m/1", Assert.Single(run.Outcomes).Key.ToString());
        Assert.Equal(["COLDLINE", "COLDLINE"], movedClasses);
        Assert.Equal("STANDARD", gcs.ClassOf("registry/m/1/a.onnx"));
        Assert.Equal("STANDARD", gcs.ClassOf("registry/m/2/a.onnx"));
    }

    [Fact]
    public async Task DeleteAsync_MissingObject_CountsAsDeleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gcs = await GcsStandIn.StartAsync(ct);
        gcs.Put("registry/m/1/model.onnx", 10);
        var registry = Registry(gcs);

        await registry.DeleteAsync("m", "1", "model.onnx", ct);
        await registry.DeleteAsync("m", "1", "model.onnx", ct);

        Assert.Null(gcs.ClassOf("registry/m/1/model.onnx"));
    }

    private static GcsRegistry Registry(GcsStandIn gcs)
    {
        var client = new StorageClientBuilder { BaseUri = gcs.BaseUri, UnauthenticatedAccess = true }.Build();
        return new GcsRegistry("gcs", client, gcs.Bucket, "registry/", "frugal-pin");
    }
}
