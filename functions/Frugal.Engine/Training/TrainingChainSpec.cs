using Frugal.Engine.GpuJobs;

namespace Frugal.Engine.Training;

/// <summary>
/// What follows a training run that succeeded (<c>onSuccess</c>): a GPU job on the worker pool, such as quantizing
/// the model just trained, or another training run from a template, such as a distillation.
/// </summary>
public sealed record TrainingChainSpec
{
    /// <summary>The GPU job to submit; null when a training template follows instead.</summary>
    public ChainedGpuJobSpec? GpuJob { get; init; }

    /// <summary>The name of the template under <c>training.templates</c> to run next; null for a GPU job.</summary>
    public string? TrainingJob { get; init; }

    /// <summary>How the chained step reads in a job card and in history.</summary>
    public string Describe() => GpuJob is { } gpu
        ? $"{GpuJobWords.Of(gpu.Kind)} GPU job on {gpu.Model}"
        : $"training run of template {TrainingJob}";
}

/// <summary>
/// A GPU job without its id: the id is derived from the training job it follows, so it is submitted once.
/// <see cref="Version"/> null means the latest version when the worker runs it.
/// </summary>
public sealed record ChainedGpuJobSpec(
    GpuJobKind Kind,
    string Model,
    string? Version,
    string? Input,
    string? Output,
    GpuJobPriority Priority,
    string? Precision,
    string Budget);

/// <summary>The step a succeeded job started: what it is, its id, and where it stood when submitted.</summary>
public sealed record ChainedRun(string What, string JobId, string Status);
