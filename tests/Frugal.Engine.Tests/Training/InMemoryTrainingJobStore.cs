using Frugal.Engine.Training;

namespace Frugal.Engine.Tests.Training;

/// <summary>The queue in memory with the same compare-and-swap rule as the real stores.</summary>
internal sealed class InMemoryTrainingJobStore : ITrainingJobStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TrainingJob> _jobs = [];

    public Task<bool> AddAsync(TrainingJob job, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.TryAdd(job.Id, job with { Version = 1 }));
        }
    }

    public Task<TrainingJob?> GetAsync(string id, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<TrainingJob>> ListAsync(bool includeFinished, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TrainingJob>>(
                [.. _jobs.Values.Where(j => includeFinished || !j.IsSettled).OrderByDescending(j => j.Spec.Priority)
                    .ThenBy(j => j.SubmittedAt)]);
        }
    }

    public async Task<TrainingJob?> TryReplaceAsync(TrainingJob job, CancellationToken ct)
    {
        await Task.Yield();
        lock (_gate)
        {
            if (!_jobs.TryGetValue(job.Id, out var stored) || stored.Version != job.Version)
            {
                return null;
            }

            var next = job with { Version = job.Version + 1 };
            _jobs[job.Id] = next;
            return next;
        }
    }
}
