using Frugal.Engine.ModelArchive;
using Frugal.Engine.State;
using Frugal.State.Sqlite;

namespace Frugal.Hosting.State;

/// <summary>The embedded default: the SQLite file the request or policy names, journal in the same file.</summary>
internal sealed class SqliteStateSource : IStateSource
{
    public string Provider => FrugalStateOptions.Sqlite;

    public StateStores Open(string localPath)
    {
        var store = SqliteStateStore.Open(localPath);
        return new StateStores(store, store, store, SqliteArchiveJournal.Open(localPath));
    }

    public StateStores? OpenReadOnly(string localPath)
    {
        if (SqliteStateStore.OpenReadOnly(localPath) is not { } store)
        {
            return null;
        }

        var journal = (IArchiveJournal?)SqliteArchiveJournal.OpenReadOnly(localPath) ?? EmptyArchiveJournal.Instance;
        return new StateStores(store, store, store, journal);
    }
}
