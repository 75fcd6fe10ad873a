using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Training;

internal sealed class FakeTrainingOutcomes : ITrainingOutcomes
{
    public Dictionary<Uri, TrainingOutcome> Written { get; } = [];

    public Task<TrainingOutcome?> ReadAsync(Uri checkpointUri, CancellationToken ct) =>
        Task.FromResult(Written.GetValueOrDefault(checkpointUri));
}
