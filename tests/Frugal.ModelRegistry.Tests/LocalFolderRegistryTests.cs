using Frugal.Engine;
using Frugal.Engine.ModelArchive;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.ModelRegistry.Tests;

public sealed class LocalFolderRegistryTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly TempRegistry _temp = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ListVersionsAsync_Layout_ReadsObjectsAliasesPinsAndMarkers()
    {
        _temp.AddVersion("sentiment", "1", Created, ("model.onnx", 300), ("tokenizer/vocab.json", 20));
        _temp.AddVersion("sentiment", "2", Created.AddDays(1), ("model.onnx", 400));
        var pin = new Dictionary<string, string> { ["frugal-pin"] = "true" };
        _temp.WriteSidecar("sentiment", "2", new { metadata = pin });
        _temp.Write("sentiment/1/_last_served", "2026-11-01T10:00:00Z\n");
        _temp.Write("sentiment/aliases.json", """{"production": "1", "staging": 2}""");
        var sut = Registry();

        var versions = (await sut.ListVersionsAsync(null, TestContext.Current.CancellationToken))
            .OrderBy(v => v.Version).ToList();

        Assert.Equal(["model.onnx", "tokenizer/vocab.json"], versions[0].Objects.Select(o => o.Name).Order());
        Assert.Equal(320, versions[0].SizeBytes);
        Assert.Equal(Created, versions[0].Created);
        Assert.Equal(["production"], versions[0].Aliases);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), versions[0].LastServed);
        Assert.False(versions[0].Pinned);
        Assert.True(versions[1].Pinned);
        Assert.Equal(["staging"], versions[1].Aliases);
    }

    [Fact]
    public async Task ChangeTierAsync_Object_KeptInTheSidecarWithTheTime()
    {
        _temp.AddVersion("m", "1", Created, ("a.onnx", 10), ("b.onnx", 10));
        var sut = Registry();
        var ct = TestContext.Current.CancellationToken;

        await sut.ChangeTierAsync("m", "1", "a.onnx", StorageTier.Cold, ct);
        var version = await sut.GetVersionAsync("m", "1", ct);

        Assert.Equal(StorageTier.Cold, version!.Objects.Single(o => o.Name == "a.onnx").Tier);
        Assert.Equal(StorageTier.Hot, version.Tier);
        Assert.Equal(_time.GetUtcNow(), version.TierChangedAt);
    }

    [Fact]
    public async Task DeleteAsync_LastObject_RemovesTheVersionFolder()
    {
        _temp.AddVersion("m", "1", Created, ("a.onnx", 10));
        _temp.Write("m/1/_last_served", "2026-01-01T00:00:00Z");
        var sut = Registry();
        var ct = TestContext.Current.CancellationToken;

        await sut.DeleteAsync("m", "1", "a.onnx", ct);
        await sut.DeleteAsync("m", "1", MarkerServingHistory.MarkerName, ct);

        Assert.False(Directory.Exists(Path.Combine(_temp.Root, "m", "1")));
        Assert.Null(await sut.GetVersionAsync("m", "1", ct));
    }

    [Fact]
    public async Task ListVersionsAsync_BadAliases_RefusedRatherThanGuessed()
    {
        _temp.AddVersion("m", "1", Created, ("a.onnx", 10));
        _temp.Write("m/aliases.json", "production: 1");

        var error = await Assert.ThrowsAsync<FrugalInputException>(
            () => Registry().ListVersionsAsync(null, TestContext.Current.CancellationToken));

        Assert.Contains("aliases.json: not a JSON object of alias to version", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private LocalFolderRegistry Registry() => new("local", _temp.Root, "frugal-pin", _time);
}
