using Frugal.Engine.State;
using Frugal.Testing.StateContract;

namespace Frugal.State.Sqlite.Tests;

/// <summary>The state contract on one SQLite file; each handle is another connection pool on the same file.</summary>
public sealed class SqliteStateContractTests : StateContract, IDisposable
{
    private readonly TempDatabase _db = new();

    protected override Task<StateStores> OpenAsync()
    {
        var store = SqliteStateStore.Open(_db.Path);
        var gpuJobs = SqliteGpuJobStore.Open(_db.Path);
        return Task.FromResult(new StateStores(store, store, store, SqliteArchiveJournal.Open(_db.Path),
            SqliteTrainingJobStore.Open(_db.Path), gpuJobs, gpuJobs, store));
    }

    protected override Task<IReadOnlyList<(string Key, ActionStatus Status, int Attempts, string? Detail)>>
        ActionsAsync(IStateStore store) => ((SqliteStateStore)store).ActionsAsync(CancellationToken.None);

    public void Dispose() => _db.Dispose();
}
