using Frugal.Engine.Money;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Inference;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Frugal.GpuWorker.Telemetry;

/// <summary>
/// The worker's Prometheus series, in a registry of its own so that several workers can live in one process
/// (as they do in tests). Cost gauges are computed when scraped from running totals of busy time and predictions.
/// </summary>
internal sealed class WorkerMetrics
{
    private static readonly double[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly TimeProvider time;
    private readonly long startedAt;
    private readonly Counter requests;
    private readonly Counter predictions;
    private readonly Counter runs;
    private readonly Histogram batchSize;
    private readonly Histogram queueDelay;
    private readonly Counter cacheHits;
    private readonly Counter cacheMisses;
    private readonly Gauge cacheBytes;
    private readonly Counter busySeconds;
    private readonly Gauge costPerThousand;
    private readonly Counter jobs;
    private long predictionTotal;
    private long busyTicks;

    public WorkerMetrics(IOptions<WorkerOptions> options, ExecutionProviderChoice provider, TimeProvider time)
    {
        this.time = time;
        startedAt = time.GetTimestamp();
        HourlyPrice = new Money(options.Value.HourlyPrice, CurrencyCode.Parse(options.Value.Currency));
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);

        requests = factory.CreateCounter(
            "frugal_gpu_requests_total", "HTTP requests answered, by endpoint and status code.", "endpoint", "code");
        predictions = factory.CreateCounter(
            "frugal_gpu_predictions_total", "Rows predicted, by model and whether the model or the cache answered.",
            "model", "source");
        runs = factory.CreateCounter(
            "frugal_gpu_inferences_total", "ONNX Runtime session runs (one per batch).", "model");
        batchSize = factory.CreateHistogram(
            "frugal_gpu_batch_size", "Rows in each session run.", ["model"],
            new HistogramConfiguration { Buckets = BatchBuckets });
        queueDelay = factory.CreateHistogram(
            "frugal_gpu_queue_delay_seconds", "Time a request waited to join a batch.", ["model"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 14) });
        cacheHits = factory.CreateCounter("frugal_gpu_result_cache_hits_total", "Requests answered from the cache.");
        cacheMisses = factory.CreateCounter("frugal_gpu_result_cache_misses_total", "Requests the cache lacked.");
        cacheBytes = factory.CreateGauge("frugal_gpu_result_cache_bytes", "Bytes of answers held in the cache.");
        busySeconds = factory.CreateCounter(
            "frugal_gpu_busy_seconds_total", "Seconds the execution provider spent running sessions.");
        costPerThousand = factory.CreateGauge(
            "frugal_gpu_cost_per_1000_predictions",
            "Node price per 1,000 predictions: 'busy' charges only time spent running, 'uptime' all time up.",
            "currency", "basis");
        jobs = factory.CreateCounter(
            "frugal_gpu_jobs_total", "Queue jobs finished, by kind and status.", "kind", "status");
        factory.CreateGauge("frugal_gpu_provider_info", "The execution provider serving: 1 for the one in use.",
            "provider").WithLabels(provider.Name).Set(1);

        Registry.AddBeforeCollectCallback(UpdateCost);
    }

    public CollectorRegistry Registry { get; }

    public Money HourlyPrice { get; }

    public long PredictionTotal => Interlocked.Read(ref predictionTotal);

    public double BusySeconds => TimeSpan.FromTicks(Interlocked.Read(ref busyTicks)).TotalSeconds;

    public void CountRequest(string endpoint, int statusCode) =>
        requests.WithLabels(endpoint, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();

    public void CountPredictions(string model, long rows, bool fromCache)
    {
        predictions.WithLabels(model, fromCache ? "cache" : "model").Inc(rows);
        Interlocked.Add(ref predictionTotal, rows);
    }

    public void ObserveRun(string model, long rows, TimeSpan busy)
    {
        runs.WithLabels(model).Inc();
        batchSize.WithLabels(model).Observe(rows);
        busySeconds.Inc(busy.TotalSeconds);
        Interlocked.Add(ref busyTicks, busy.Ticks);
    }

    public void ObserveQueueDelay(string model, TimeSpan waited) =>
        queueDelay.WithLabels(model).Observe(waited.TotalSeconds);

    public void CountCacheLookup(bool hit) => (hit ? cacheHits : cacheMisses).Inc();

    public void SetCacheBytes(long bytes) => cacheBytes.Set(bytes);

    public void CountJob(string kind, string status) => jobs.WithLabels(kind, status).Inc();

    private void UpdateCost()
    {
        var currency = HourlyPrice.Currency.Code;
        var uptime = time.GetElapsedTime(startedAt).TotalSeconds;
        costPerThousand.WithLabels(currency, "busy")
            .Set((double)PredictionCost.PerThousand(HourlyPrice, BusySeconds, PredictionTotal).Amount);
        costPerThousand.WithLabels(currency, "uptime")
            .Set((double)PredictionCost.PerThousand(HourlyPrice, uptime, PredictionTotal).Amount);
    }
}
