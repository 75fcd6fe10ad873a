using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Protocol;
using Frugal.GpuWorker.Repository;
using Frugal.GpuWorker.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// Loaded sessions, bounded by the bytes of their model files, least recently used evicted first. A session is
/// warmed when loaded; an evicted one is disposed when its last in-flight request ends. A model that fails to load
/// is remembered for <c>VersionRefreshSeconds</c>, so a corrupt file is not parsed again on every request.
/// </summary>
internal sealed partial class ModelSessionCache : IDisposable
{
    private readonly IModelRepository repository;
    private readonly ExecutionProviderChoice provider;
    private readonly WorkerMetrics metrics;
    private readonly TimeProvider time;
    private readonly ILogger<ModelSessionCache> logger;
    private readonly WorkerOptions options;
    private readonly Lock gate = new();
    private readonly Dictionary<(string Model, string Version), LinkedListNode<Entry>> entries = [];
    private readonly LinkedList<Entry> recency = new();
    private long loadedBytes;

    public ModelSessionCache(
        IModelRepository repository,
        ExecutionProviderChoice provider,
        WorkerMetrics metrics,
        IOptions<WorkerOptions> options,
        TimeProvider time,
        ILogger<ModelSessionCache> logger)
    {
        this.repository = repository;
        this.provider = provider;
        this.metrics = metrics;
        this.time = time;
        this.logger = logger;
        this.options = options.Value;
    }

    /// <summary>Bytes of model files whose sessions are loaded.</summary>
    public long LoadedBytes => Interlocked.Read(ref loadedBytes);

    /// <summary>Loads (or finds) a version and leases it; the caller must <see cref="OnnxModel.Release"/>.</summary>
    public async Task<OnnxModel> AcquireAsync(string model, string version, CancellationToken cancellationToken)
    {
        while (true)
        {
            var loading = EntryFor(model, version).Loading;
            var loaded = await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (loaded.TryAcquire())
            {
                return loaded;
            }
        }
    }

    /// <summary>True when the version is loaded and its warm-up finished.</summary>
    public bool IsLoaded(string model, string version)
    {
        lock (gate)
        {
            return entries.TryGetValue((model, version), out var node) && node.Value.Loading.IsCompletedSuccessfully;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var entry in recency.Where(e => e.Loading.IsCompletedSuccessfully))
            {
                entry.Loading.Result.Release();
            }

            entries.Clear();
            recency.Clear();
        }
    }

    private Entry EntryFor(string model, string version)
    {
        lock (gate)
        {
            if (entries.TryGetValue((model, version), out var node) && !IsStaleFailure(node.Value))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                return node.Value;
            }

            if (node is not null)
            {
                Remove(node);
            }

            var entry = new Entry(model, version, time.GetTimestamp());
            entry.Loading = Task.Run(() => LoadAsync(entry));
            entries[(model, version)] = recency.AddFirst(entry);
            return entry;
        }
    }

    private bool IsStaleFailure(Entry entry) =>
        entry.Loading.IsFaulted
        && time.GetElapsedTime(entry.CreatedAt) >= TimeSpan.FromSeconds(options.VersionRefreshSeconds);

    private async Task<OnnxModel> LoadAsync(Entry entry)
    {
        var bytes = await repository
            .ReadAsync(entry.Model, entry.Version, ModelPath.ModelFileName, CancellationToken.None)
            .ConfigureAwait(false) ?? throw ProtocolException.NotFound(
                $"model '{entry.Model}' has no version '{entry.Version}'");
        var started = time.GetTimestamp();
        var loaded = Open(entry, bytes);
        Warm(loaded);
        LogLoaded(logger, entry.Model, entry.Version, bytes.LongLength, provider.Name,
            time.GetElapsedTime(started).TotalMilliseconds);
        Admit(entry, bytes.LongLength);
        return loaded;
    }

    private OnnxModel Open(Entry entry, byte[] bytes)
    {
        try
        {
            using var sessionOptions = provider.CreateSessionOptions();
            QdqSessionTuning.Apply(sessionOptions, bytes);
            var loaded = new OnnxModel(entry.Model, entry.Version, bytes, sessionOptions);
            if (loaded.CanBatch && options.MaxBatchSize > 1)
            {
                loaded.Batcher = new DynamicBatcher(loaded, options.MaxBatchSize,
                    TimeSpan.FromMilliseconds(options.MaxQueueDelayMilliseconds), time, metrics);
            }

            return loaded;
        }
        catch (OnnxRuntimeException exception)
        {
            var reason = FirstLine(exception.Message);
            LogLoadFailed(logger, entry.Model, entry.Version, reason);
            throw new ProtocolException(StatusCodes.Status500InternalServerError,
                $"model '{entry.Model}' version {entry.Version} cannot be loaded: {reason}");
        }
    }

    private void Warm(OnnxModel loaded)
    {
        try
        {
            loaded.Warm();
        }
        catch (ProtocolException exception)
        {
            LogWarmFailed(logger, loaded.Name, loaded.Version, exception.Message);
        }
    }

    private void Admit(Entry entry, long bytes)
    {
        lock (gate)
        {
            entry.Bytes = bytes;
            loadedBytes += bytes;
            var candidate = recency.Last;
            while (loadedBytes > options.SessionCacheBytes && candidate is not null)
            {
                var previous = candidate.Previous;
                if (!ReferenceEquals(candidate.Value, entry) && candidate.Value.Loading.IsCompleted)
                {
                    LogEvicted(logger, candidate.Value.Model, candidate.Value.Version, candidate.Value.Bytes);
                    Remove(candidate);
                }

                candidate = previous;
            }
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        entries.Remove((node.Value.Model, node.Value.Version));
        recency.Remove(node);
        loadedBytes -= node.Value.Bytes;
        if (node.Value.Loading.IsCompletedSuccessfully)
        {
            node.Value.Loading.Result.Release();
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information,
        Message = "Loaded model {Model} version {Version} ({Bytes} bytes) on {Provider} in {Milliseconds:F1} ms")]
    private static partial void LogLoaded(
        ILogger logger, string model, string version, long bytes, string provider, double milliseconds);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning,
        Message = "Model {Model} version {Version} cannot be loaded: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string model, string version, string reason);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning,
        Message = "Model {Model} version {Version} failed its warm-up run: {Reason}")]
    private static partial void LogWarmFailed(ILogger logger, string model, string version, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information,
        Message = "Evicted model {Model} version {Version} ({Bytes} bytes) from the session cache")]
    private static partial void LogEvicted(ILogger logger, string model, string version, long bytes);

    private sealed class Entry(string model, string version, long createdAt)
    {
        public string Model { get; } = model;

        public string Version { get; } = version;

        public long CreatedAt { get; } = createdAt;

        public Task<OnnxModel> Loading { get; set; } = Task.FromCanceled<OnnxModel>(new CancellationToken(true));

        public long Bytes { get; set; }
    }
}
