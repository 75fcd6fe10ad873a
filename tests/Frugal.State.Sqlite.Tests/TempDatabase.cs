namespace Frugal.State.Sqlite.Tests;

/// <summary>A state file in its own temporary folder, removed afterwards.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("frugal-state-").FullName;
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "state.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
