namespace Frugal.Engine.ModelArchive;

/// <summary>
/// A model registry laid out <c>{model}/{version}/...</c> (the layout the gpu-worker reads): its versions with
/// their objects, aliases, pins and served markers, and the two changes Frugal makes to an object.
/// </summary>
public interface IModelRegistry
{
    /// <summary>The registry's name in the policy.</summary>
    string Name { get; }

    /// <summary>The registry's own name for a class (GCS <c>COLDLINE</c>, Azure <c>Cold</c>).</summary>
    string TierName(StorageTier tier);

    /// <summary>Every version, or only those of <paramref name="model"/>, in no particular order.</summary>
    Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string? model, CancellationToken ct);

    /// <summary>The version's objects as they are now, or null when the version is gone.</summary>
    Task<ModelVersionInfo?> GetVersionAsync(string model, string version, CancellationToken ct);

    /// <summary>
    /// Moves one object to <paramref name="tier"/>; doing it again is harmless. Leaving an archive class may be
    /// slow (Azure rehydration): the object then reports <see cref="ModelObject.Rehydrating"/> until it is done.
    /// </summary>
    Task ChangeTierAsync(string model, string version, string objectName, StorageTier tier, CancellationToken ct);

    /// <summary>Deletes one object; an object already gone counts as deleted.</summary>
    Task DeleteAsync(string model, string version, string objectName, CancellationToken ct);
}
