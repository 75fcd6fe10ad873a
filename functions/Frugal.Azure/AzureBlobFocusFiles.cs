using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Frugal.Engine;
using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;
using Microsoft.Extensions.Logging;

namespace Frugal.Azure;

/// <summary>
/// Mirrors the FOCUS exports Azure Cost Management writes to Blob Storage into the state folder, incrementally: a
/// blob whose ETag is the one recorded when it was last fetched is not downloaded again, a changed one is, and the
/// copy of a deleted blob is removed. Each download is conditional on the ETag listed, so the content recorded
/// under an ETag is that ETag's. The main job then reads the copies like any FOCUS file (CSV, gzipped CSV, Parquet).
/// </summary>
public sealed partial class AzureBlobFocusFiles(
    Func<string, string?> environment, ILogger<AzureBlobFocusFiles> logger) : IFocusFileProvider
{
    private static readonly string[] FocusExtensions = [".csv", ".csv.gz", ".parquet"];

    public AzureBlobFocusFiles(ILogger<AzureBlobFocusFiles> logger)
        : this(Environment.GetEnvironmentVariable, logger)
    {
    }

    public string Name => "azure-blob";

    public bool IsConfigured(FrugalPolicy policy) => policy?.Sources.AzureBlob is not null;

    public async Task<IReadOnlyList<string>> SyncAsync(FrugalPolicy policy, string stateFolder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var source = policy.Sources.AzureBlob
            ?? throw new InvalidOperationException("the policy reads no Blob exports");
        var container = new BlobContainerClient(ConnectionString(source), source.Container);
        var folder = Path.Combine(stateFolder, "azure-exports", container.AccountName, source.Container);
        var manifest = await BlobManifest.LoadAsync(folder, ct).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var (fetched, unchanged) = (0, 0);
        try
        {
            var blobs = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, source.Prefix, ct);
            await foreach (var blob in blobs.ConfigureAwait(false))
            {
                if (!IsFocusFile(blob.Name))
                {
                    continue;
                }

                seen.Add(blob.Name);
                var etag = blob.Properties.ETag?.ToString() ?? string.Empty;
                var local = LocalPath(folder, blob.Name);
                if (manifest.ETagOf(blob.Name) == etag && File.Exists(local))
                {
                    unchanged++;
                    continue;
                }

                await DownloadAsync(container.GetBlobClient(blob.Name), blob.Properties.ETag, local, ct)
                    .ConfigureAwait(false);
                manifest.Record(blob.Name, etag);
                fetched++;
            }
        }
        catch (RequestFailedException ex)
        {
            throw new FrugalInputException(
                $"sources.azureBlob ({source.Container}): Blob Storage answered {ex.Status} {ex.ErrorCode}", ex);
        }

        var removed = manifest.ForgetAllBut(seen, name => File.Delete(LocalPath(folder, name)));
        await manifest.SaveAsync(ct).ConfigureAwait(false);
        LogSynced(source.Container, fetched, unchanged, removed);
        return [.. seen.Order(StringComparer.Ordinal).Select(name => LocalPath(folder, name))];
    }

    private string ConnectionString(AzureBlobExportSource source)
    {
        var variable = source.Connection["env:".Length..];
        return environment(variable) is { Length: > 0 } value
            ? value
            : throw new FrugalInputException(
                $"sources.azureBlob.connection: the environment variable {variable} is not set");
    }

    private static bool IsFocusFile(string name) =>
        FocusExtensions.Any(extension => name.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    // Blob names are paths chosen by whoever writes the container: one that would leave the folder is refused.
    private static string LocalPath(string folder, string blobName)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, blobName.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(root, StringComparison.Ordinal)
            ? path
            : throw new FrugalInputException($"sources.azureBlob: blob name '{blobName}' leaves the export folder");
    }

    private static async Task DownloadAsync(BlobClient blob, ETag? etag, string local, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var partial = local + ".partial";
        var options = new BlobDownloadToOptions { Conditions = new() { IfMatch = etag } };
        await blob.DownloadToAsync(partial, options, ct).ConfigureAwait(false);
        File.Move(partial, local, overwrite: true);
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Information,
        Message = "Blob exports in {Container}: {Fetched} fetched, {Unchanged} unchanged, {Removed} removed")]
    private partial void LogSynced(string container, int fetched, int unchanged, int removed);
}

/// <summary>The ETag each mirrored blob had when it was fetched, kept beside the copies.</summary>
internal sealed class BlobManifest
{
    private const string FileName = ".frugal-manifest.json";

    private readonly string _path;
    private readonly Dictionary<string, string> _etags;

    private BlobManifest(string path, Dictionary<string, string> etags) => (_path, _etags) = (path, etags);

    public static async Task<BlobManifest> LoadAsync(string folder, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new BlobManifest(path, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        await using var file = File.OpenRead(path);
        var etags = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(file, cancellationToken: ct)
            .ConfigureAwait(false);
        return new BlobManifest(path, new Dictionary<string, string>(etags ?? [], StringComparer.Ordinal));
    }

    public string? ETagOf(string name) => _etags.GetValueOrDefault(name);

    public void Record(string name, string etag) => _etags[name] = etag;

    public int ForgetAllBut(IReadOnlySet<string> names, Action<string> forget)
    {
        var gone = _etags.Keys.Where(name => !names.Contains(name)).ToList();
        foreach (var name in gone)
        {
            forget(name);
            _etags.Remove(name);
        }

        return gone.Count;
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        var partial = _path + ".partial";
        await File.WriteAllTextAsync(partial, JsonSerializer.Serialize(_etags), ct).ConfigureAwait(false);
        File.Move(partial, _path, overwrite: true);
    }
}
