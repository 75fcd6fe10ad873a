using Frugal.Engine.ModelArchive;

namespace Frugal.ModelRegistry.Tests;

/// <summary>
/// A real registry with a script of trouble: the process "dies" (its run is cancelled) after a number of class
/// changes, or one object refuses to move to a colder class.
/// </summary>
internal sealed class ScriptedRegistry(IModelRegistry inner) : IModelRegistry
{
    private int _changes;

    /// <summary>After this many class changes the run is cancelled, as if the process died.</summary>
    public int? DieAfterChanges { get; set; }

    public CancellationTokenSource Life { get; } = new();

    /// <summary>This object fails to move anywhere but the hot class.</summary>
    public string? Stubborn { get; set; }

    public int Changes => _changes;

    public string Name => inner.Name;

    public string TierName(StorageTier tier) => inner.TierName(tier);

    public Task<IReadOnlyList<ModelVersionInfo>> ListVersionsAsync(string? model, CancellationToken ct) =>
        inner.ListVersionsAsync(model, ct);

    public Task<ModelVersionInfo?> GetVersionAsync(string model, string version, CancellationToken ct) =>
        inner.GetVersionAsync(model, version, ct);

    public async Task ChangeTierAsync(
        string model, string version, string objectName, StorageTier tier, CancellationToken ct)
    {
        if (_changes == DieAfterChanges)
        {
            await Life.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }

        if (objectName == Stubborn && tier != StorageTier.Hot)
        {
            throw new IOException($"{objectName} refuses to move");
        }

        await inner.ChangeTierAsync(model, version, objectName, tier, ct);
        _changes++;
    }

    public Task DeleteAsync(string model, string version, string objectName, CancellationToken ct) =>
        inner.DeleteAsync(model, version, objectName, ct);
}
