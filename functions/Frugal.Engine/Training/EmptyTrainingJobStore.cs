namespace Frugal.Engine.Training;

/// <summary>The training queue of a state that has none yet, for reads that must create nothing.</summary>
public sealed class EmptyTrainingJobStore : ITrainingJobStore
{
    public static EmptyTrainingJobStore Instance { get; } = new();

    private EmptyTrainingJobStore()
    {
    }

    public Task<bool> AddAsync(TrainingJob job, CancellationToken ct) => throw ReadOnly();

    public Task<TrainingJob?> GetAsync(string id, CancellationToken ct) => Task.FromResult<TrainingJob?>(null);

    public Task<IReadOnlyList<TrainingJob>> ListAsync(bool includeFinished, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TrainingJob>>([]);

    public Task<TrainingJob?> TryReplaceAsync(TrainingJob job, CancellationToken ct) => throw ReadOnly();

    private static InvalidOperationException ReadOnly() => new("the empty training queue is read-only");
}
