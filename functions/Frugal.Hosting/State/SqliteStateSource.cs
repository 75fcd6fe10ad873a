using Frugal.Engine.GpuJobs;
using Frugal.Engine.ModelArchive;
using Frugal.Engine.State;
using Frugal.Engine.Training;
using Frugal.State.Sqlite;

namespace Frugal.Hosting.State;

/// <summary>The embedded default: the SQLite file the request or policy names, every store in the same file.</summary>
internal sealed class SqliteStateSource : IStateSource
{
    public string Provider => FrugalStateOptions.Sqlite;

    public StateStores Open(string localPath)
    {
        var store = SqliteStateStore.Open(localPath);
        var gpuJobs = SqliteGpuJobStore.Open(localPath);
        return new StateStores(store, store, store, SqliteArchiveJournal.Open(localPath),
            SqliteTrainingJobStore.Open(localPath), gpuJobs, gpuJobs, store);
    }

    public StateStores? OpenReadOnly(string localPath)
    {
        if (SqliteStateStore.OpenReadOnly(localPath) is not { } store)
        {
            return null;
        }

        var journal = (IArchiveJournal?)SqliteArchiveJournal.OpenReadOnly(localPath) ?? EmptyArchiveJournal.Instance;
        var training = (ITrainingJobStore?)SqliteTrainingJobStore.OpenReadOnly(localPath)
            ?? EmptyTrainingJobStore.Instance;
        var gpuJobs = SqliteGpuJobStore.OpenReadOnly(localPath);
        return gpuJobs is null
            ? new StateStores(store, store, store, journal, training, EmptyGpuJobStore.Instance,
                EmptyGpuJobStore.Instance, store)
            : new StateStores(store, store, store, journal, training, gpuJobs, gpuJobs, store);
    }
}
