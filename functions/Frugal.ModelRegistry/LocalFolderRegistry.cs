using System.Text.Json;
using System.Text.Json.Serialization;
using Frugal.Engine.ModelArchive;

namespace Frugal.ModelRegistry;

/// <summary>
/// The embedded default: models in a local folder. A file system has no storage classes, so each version's class
/// per object is kept in a sidecar (<c>_frugal.json</c>) that the other Frugal commands read; moving a version
/// changes the sidecar, not where the bytes lie. The sidecar also holds the version's metadata, such as the pin
/// label. A version's creation time is the sidecar's <c>created</c> when a publisher wrote one, else its oldest
/// object's last write time, as folders record no reliable birth (a fresh checkout makes every file new).
/// </summary>
public sealed class LocalFolderRegistry(string name, string root, string pinLabel, TimeProvider time) : IModelRegistry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Name => name;

    public string TierName(StorageTier tier) => tier.ToString().ToLowerInvariant();

    public Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string? model, CancellationToken ct)
    {
        if (!Directory.Exists(root))
        {
            throw new Engine.FrugalInputException($"registry '{name}': no folder at '{root}'");
        }

        var models = model is null ? Folders(root) : [Path.Combine(root, model)];
        var versions = new List<ModelVersionInfo>();
        foreach (var modelFolder in models.Where(Directory.Exists))
        {
            ct.ThrowIfCancellationRequested();
            var aliases = Aliases(modelFolder);
            versions.AddRange(Folders(modelFolder)
                .Select(v => Read(modelFolder, v, aliases))
                .OfType<ModelVersionInfo>());
        }

        return Task.FromResult<IReadOnlyList<ModelVersionInfo>>(versions);
    }

    public Task<ModelVersionInfo?> GetVersionAsync(string model, string version, CancellationToken ct)
    {
        var modelFolder = Path.Combine(root, model);
        var folder = Path.Combine(modelFolder, version);
        return Task.FromResult(Directory.Exists(folder) ? Read(modelFolder, folder, Aliases(modelFolder)) : null);
    }

    public Task ChangeTierAsync(string model, string version, string objectName, StorageTier tier, CancellationToken ct)
    {
        var folder = VersionFolder(model, version);
        if (!File.Exists(Path.Combine(folder, objectName)))
        {
            throw new FileNotFoundException($"registry '{name}': no object {model}/{version}/{objectName}");
        }

        var sidecar = Sidecar.Read(folder);
        sidecar.Classes[objectName] = tier;
        sidecar.TierChangedAt = time.GetUtcNow();
        sidecar.Write(folder);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string model, string version, string objectName, CancellationToken ct)
    {
        var folder = VersionFolder(model, version);
        if (!Directory.Exists(folder))
        {
            return Task.CompletedTask;
        }

        File.Delete(Path.Combine(folder, objectName));
        if (!Objects(folder).Any())
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private ModelVersionInfo? Read(string modelFolder, string folder, Dictionary<string, List<string>> aliases)
    {
        var files = Objects(folder).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var sidecar = Sidecar.Read(folder);
        var objects = files
            .Select(f => (Name: ObjectName(folder, f.FullName), f.Length))
            .Select(f => new ModelObject(f.Name, f.Length, sidecar.Classes.GetValueOrDefault(f.Name)));
        var version = Path.GetFileName(folder);
        var created = sidecar.Created ?? files.Min(f => new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero));
        return new ModelVersionInfo(Path.GetFileName(modelFolder), version, created, [.. objects])
        {
            Aliases = aliases.GetValueOrDefault(version) ?? [],
            Pinned = RegistryLayout.IsTrue(sidecar.Metadata.GetValueOrDefault(pinLabel)),
            LastServed = LastServed(folder),
            TierChangedAt = sidecar.TierChangedAt,
        };
    }

    private static DateTimeOffset? LastServed(string folder)
    {
        var marker = new FileInfo(Path.Combine(folder, MarkerServingHistory.MarkerName));
        return marker.Exists
            ? RegistryLayout.ParseInstant(File.ReadAllText(marker.FullName))
                ?? new DateTimeOffset(marker.LastWriteTimeUtc, TimeSpan.Zero)
            : null;
    }

    private static Dictionary<string, List<string>> Aliases(string modelFolder)
    {
        var path = Path.Combine(modelFolder, RegistryLayout.AliasesFile);
        return File.Exists(path)
            ? RegistryLayout.AliasesByVersion(File.ReadAllText(path), path)
            : new Dictionary<string, List<string>>(StringComparer.Ordinal);
    }

    private static IEnumerable<FileInfo> Objects(string folder) =>
        Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
                .Where(f => RegistryLayout.IsModelObject(ObjectName(folder, f.FullName)))
            : [];

    private static string ObjectName(string folder, string file) =>
        Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');

    private static IEnumerable<string> Folders(string parent) =>
        Directory.EnumerateDirectories(parent)
            .Where(d => Path.GetFileName(d) is var n && !n.StartsWith('.') && !n.StartsWith('_'))
            .Order(StringComparer.Ordinal);

    private string VersionFolder(string model, string version) => Path.Combine(root, model, version);

    /// <summary>The sidecar's content, written whole to a temporary file and renamed: never half-written.</summary>
    private sealed class Sidecar
    {
        public Dictionary<string, StorageTier> Classes { get; set; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

        public DateTimeOffset? TierChangedAt { get; set; }

        /// <summary>When the version was published, if the publisher wrote it; else the oldest object's time.</summary>
        public DateTimeOffset? Created { get; set; }

        public static Sidecar Read(string folder)
        {
            var path = Path.Combine(folder, RegistryLayout.SidecarFile);
            if (!File.Exists(path))
            {
                return new Sidecar();
            }

            try
            {
                return JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(path), Json) ?? new Sidecar();
            }
            catch (JsonException ex)
            {
                throw new Engine.FrugalInputException($"{path}: not a valid Frugal sidecar ({ex.Message})", ex);
            }
        }

        public void Write(string folder)
        {
            var path = Path.Combine(folder, RegistryLayout.SidecarFile);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
            File.Move(temporary, path, overwrite: true);
        }
    }
}
