namespace Frugal.State.Sqlite.Tests;

/// <summary>The SQLite store on a state from before signals existed; the rest is the shared state contract's.</summary>
public sealed class ModelSignalStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadOnlyOpen_OfAnOlderSchema_HasNoSignalsOrDecisions()
    {
        SqliteStateStore.Open(_db.Path);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteMigrations.RetrainingVersion - 1};";
            command.ExecuteNonQuery();
        }

        var store = SqliteStateStore.OpenReadOnly(_db.Path)!;

        Assert.Empty(await store.ReadDecisionsAsync(null, 10, Ct));
        Assert.Empty(await store.LatestSignalsAsync("churn", Ct));
    }

    public void Dispose() => _db.Dispose();
}
