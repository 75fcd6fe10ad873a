namespace Frugal.Engine.GpuJobs;

/// <summary>
/// A batch job for the gpu-worker pool as the control plane accepts it: the worker's job message
/// (<c>{id, kind, model, version, input, output, priority, precision}</c>) plus the budget it is charged to.
/// </summary>
public sealed record GpuJobRequest(
    string Id,
    GpuJobKind Kind,
    string Model,
    string? Version,
    string? Input,
    string? Output,
    GpuJobPriority Priority,
    string? Precision,
    string Budget);

/// <summary>What a job does on the worker.</summary>
public enum GpuJobKind
{
    Infer,
    Quantize,
}

/// <summary>
/// <see cref="High"/> jobs go to the <c>-high</c> queue and are never held; <see cref="Normal"/> jobs are the
/// low-priority ones a budget at its hold rung holds back.
/// </summary>
public enum GpuJobPriority
{
    Normal,
    High,
}

/// <summary>The words the worker's queue contract uses for kinds and priorities.</summary>
public static class GpuJobWords
{
    public static string Of(GpuJobKind kind) => kind == GpuJobKind.Infer ? "infer" : "quantize";

    public static string Of(GpuJobPriority priority) => priority == GpuJobPriority.High ? "high" : "normal";
}
