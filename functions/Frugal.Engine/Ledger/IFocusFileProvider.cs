using Frugal.Engine.Policies;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Brings FOCUS files kept elsewhere (Azure Cost Management's exports in Blob Storage) into a local folder, fetching
/// only what is new or changed, and names the local copies; the main job reads them with the other FOCUS files.
/// </summary>
public interface IFocusFileProvider
{
    /// <summary>A short name for messages: <c>azure-blob</c>.</summary>
    string Name { get; }

    bool IsConfigured(FrugalPolicy policy);

    /// <summary>Updates the local copies under <paramref name="stateFolder"/> and returns every file's path.</summary>
    Task<IReadOnlyList<string>> SyncAsync(FrugalPolicy policy, string stateFolder, CancellationToken ct);
}
