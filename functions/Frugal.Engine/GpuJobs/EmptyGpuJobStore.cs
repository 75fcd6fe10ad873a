using Frugal.Engine.Inference;

namespace Frugal.Engine.GpuJobs;

/// <summary>The GPU jobs of a state that has none yet, for reads that must create nothing.</summary>
public sealed class EmptyGpuJobStore : IGpuJobStore, IInferenceUsage
{
    public static EmptyGpuJobStore Instance { get; } = new();

    private EmptyGpuJobStore()
    {
    }

    public Task<GpuJobRecording> SubmitAsync(
        GpuJobRequest request, GpuJobState state, string reason, DateTimeOffset at, CancellationToken ct) =>
        throw ReadOnly();

    public Task MarkEnqueuedAsync(string id, string reason, DateTimeOffset at, CancellationToken ct) =>
        throw ReadOnly();

    public Task MarkHeldAsync(string id, string reason, CancellationToken ct) => throw ReadOnly();

    public Task<IReadOnlyList<GpuJob>> ReadWaitingAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GpuJob>>([]);

    public Task<bool> RecordResultAsync(GpuJobResult result, DateTimeOffset at, CancellationToken ct) =>
        throw ReadOnly();

    public Task<IReadOnlyList<GpuJob>> ReadRecentAsync(int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GpuJob>>([]);

    public Task<IReadOnlyList<ModelInferenceUsage>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ModelInferenceUsage>>([]);

    private static InvalidOperationException ReadOnly() => new("the empty GPU job store is read-only");
}
