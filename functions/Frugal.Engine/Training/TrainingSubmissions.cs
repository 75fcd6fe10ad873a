using Frugal.Engine.Policies;

namespace Frugal.Engine.Training;

/// <summary>
/// Adds a job from <c>frugal train submit</c> or the HTTP route, after the checks the policy loader makes for its
/// own jobs: a valid spec, budgets the policy has (the job's and its chained GPU job's), a template the policy has
/// for a chained training run, a project to run in, a name not already taken.
/// </summary>
public static class TrainingSubmissions
{
    public static async Task<TrainingSubmission> SubmitAsync(
        ITrainingJobStore store, FrugalPolicy policy, TrainingJobSpec spec, string source, DateTimeOffset now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(spec);
        var problems = TrainingJobSpecRules.Check(spec).Select(p => $"{p.Field}: {p.Message}").ToList();
        if (spec.Budget is { } budget && policy.Budgets.All(b => b.Name != budget))
        {
            problems.Add($"budget: names no budget of the policy: '{budget}'");
        }

        if (spec.OnSuccess?.GpuJob is { } gpu && policy.Budgets.All(b => b.Name != gpu.Budget))
        {
            problems.Add($"onSuccess.gpuJob.budget: names no budget of the policy: '{gpu.Budget}'");
        }

        if (spec.OnSuccess?.TrainingJob is { } next && policy.Training.Templates.All(t => t.Name != next))
        {
            var known = policy.Training.Templates.Select(t => t.Name).ToList();
            problems.Add($"onSuccess.trainingJob: names no template under training.templates: '{next}'" +
                (known.Count == 0 ? " (the policy has none)" : $" (known: {string.Join(", ", known)})"));
        }

        if (spec.Project is null && policy.Training.Project is null)
        {
            problems.Add("project: give the job a project, or set training.project in the policy");
        }

        if (problems.Count > 0)
        {
            return new TrainingSubmission(null, problems);
        }

        var job = new TrainingJob
        {
            Spec = spec, State = TrainingJobState.Queued, Source = source, SubmittedAt = now, UpdatedAt = now,
            Reason = $"submitted ({source}); waits for the next scheduler run",
        };
        return await store.AddAsync(job, ct).ConfigureAwait(false)
            ? new TrainingSubmission(job with { Version = 1 }, [])
            : new TrainingSubmission(null, [$"name: a job named '{spec.Name}' exists already; choose another name"],
                Conflict: true);
    }
}

/// <summary>The job as added, or why it was not (<see cref="Conflict"/>: its name is taken).</summary>
public sealed record TrainingSubmission(TrainingJob? Job, IReadOnlyList<string> Problems, bool Conflict = false);
