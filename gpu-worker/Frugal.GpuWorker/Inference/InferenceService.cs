using Frugal.GpuWorker.Caching;
using Frugal.GpuWorker.Repository;
using Frugal.GpuWorker.Telemetry;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// The path of one request: resolve the version, lease its session, check the inputs, answer from the result cache
/// or run the model (through the dynamic batcher when the model has a free batch dimension).
/// </summary>
internal sealed class InferenceService(
    ModelCatalog catalog,
    ModelSessionCache sessions,
    ResultCache cache,
    WorkerMetrics metrics,
    TimeProvider time)
{
    public async Task<InferenceResult> InferAsync(
        string model, string? version, InferenceRequest request, CancellationToken cancellationToken)
    {
        var resolved = await catalog.ResolveAsync(model, version, cancellationToken).ConfigureAwait(false);
        var loaded = await sessions.AcquireAsync(model, resolved, cancellationToken).ConfigureAwait(false);
        try
        {
            var checkedRequest = RequestValidation.Normalize(loaded, request);
            var key = ResultKey.For(model, resolved, checkedRequest);
            var hit = cache.TryGet(key, out var cached);
            if (cache.Enabled)
            {
                metrics.CountCacheLookup(hit);
            }

            var outputs = hit ? cached : await RunAsync(loaded, checkedRequest).ConfigureAwait(false);
            if (!hit)
            {
                cache.Add(key, outputs);
                metrics.SetCacheBytes(cache.HeldBytes);
            }

            metrics.CountPredictions(model, checkedRequest.Rows, hit);
            return new InferenceResult(model, resolved, outputs, hit);
        }
        finally
        {
            loaded.Release();
        }
    }

    /// <summary>Runs a checked request on a leased model, joining a batch where the model allows.</summary>
    public async Task<IReadOnlyList<NamedTensor>> RunAsync(OnnxModel loaded, InferenceRequest request)
    {
        if (loaded.Batcher is { } batcher && RequestValidation.IsStackable(request))
        {
            return await batcher.InferAsync(request).ConfigureAwait(false);
        }

        var started = time.GetTimestamp();
        var outputs = loaded.Run(request.Inputs, request.Outputs);
        metrics.ObserveRun(loaded.Name, request.Rows, time.GetElapsedTime(started));
        return outputs;
    }
}
