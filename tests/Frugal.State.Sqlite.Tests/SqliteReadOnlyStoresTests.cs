using Frugal.Engine.Training;

namespace Frugal.State.Sqlite.Tests;

/// <summary>
/// What only the SQLite stores have: read-only opens that create nothing and find nothing in a state without the
/// table yet. Their behaviour otherwise is the shared state contract's.
/// </summary>
public sealed class SqliteReadOnlyStoresTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 20, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    [Fact]
    public void OpenReadOnly_NoStateYet_IsNullAndCreatesNoFile()
    {
        Assert.Null(SqliteGpuJobStore.OpenReadOnly(_db.Path));
        Assert.Null(SqliteTrainingJobStore.OpenReadOnly(_db.Path));
        Assert.False(File.Exists(_db.Path));
    }

    [Fact]
    public async Task OpenReadOnly_TrainingQueue_ReadsWhatTheWriterAdded()
    {
        await SqliteTrainingJobStore.Open(_db.Path).AddAsync(new TrainingJob
        {
            Spec = new TrainingJobSpec
            {
                Name = "bert",
                MachineType = "g2-standard-8",
                Zones = ["us-central1-a"],
                CheckpointUri = new Uri("gs://b/bert"),
                MaxRunTime = TimeSpan.FromHours(1),
            },
            State = TrainingJobState.Queued,
            Source = "test",
            SubmittedAt = Now,
        }, TestContext.Current.CancellationToken);

        var reader = SqliteTrainingJobStore.OpenReadOnly(_db.Path)!;

        Assert.Equal("bert", Assert.Single(await reader.ListAsync(true, TestContext.Current.CancellationToken)).Id);
    }

    public void Dispose() => _db.Dispose();
}
