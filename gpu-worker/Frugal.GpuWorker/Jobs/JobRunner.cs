using System.Text.Json;
using Frugal.Engine.Money;
using Frugal.GpuWorker.Configuration;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Protocol;
using Frugal.GpuWorker.Quantization;
using Frugal.GpuWorker.Repository;
using Frugal.GpuWorker.Telemetry;
using Frugal.GpuWorker.Tensors;
using Microsoft.Extensions.Options;

namespace Frugal.GpuWorker.Jobs;

/// <summary>
/// Runs one batch job to its result, independent of the queue that delivered it. Each finished job leaves a result
/// record in the model repository (<c>{model}/_jobs/{id}.json</c>); a job id seen again returns that record, marked
/// duplicate, without running or counting anything a second time. Outputs are named from the job id, so a job cut
/// short and run again writes the same file.
/// </summary>
internal sealed partial class JobRunner(
    ModelCatalog catalog,
    ModelSessionCache sessions,
    QuantizationService quantizer,
    JobStorage storage,
    WorkerMetrics metrics,
    ExecutionProviderChoice provider,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    public const string RecordFolder = "_jobs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the job; a <see cref="JobInputException"/> or a quantization failure is final.</summary>
    public async Task<JobResult> RunAsync(JobMessage job, int attempt, CancellationToken cancellationToken)
    {
        Validate(job);
        var recordName = job.Id + ".json";
        var stored = await catalog.Repository.ReadAsync(job.Model, RecordFolder, recordName, cancellationToken)
            .ConfigureAwait(false);
        if (stored is not null)
        {
            var previous = JsonSerializer.Deserialize<JobResult>(stored, Json)!;
            LogDuplicate(logger, job.Id);
            return previous with { Duplicate = true, Attempts = attempt };
        }

        var result = job.Kind == "infer"
            ? await InferAsync(job, cancellationToken).ConfigureAwait(false)
            : await QuantizeAsync(job, cancellationToken).ConfigureAwait(false);
        result = result with { Attempts = attempt };
        await catalog.Repository.WriteAsync(job.Model, RecordFolder, recordName,
            JsonSerializer.SerializeToUtf8Bytes(result, Json), cancellationToken).ConfigureAwait(false);
        metrics.CountJob(job.Kind, result.Status);
        LogFinished(logger, job.Id, job.Kind, job.Model, result.Version, result.Predictions, result.GpuSeconds,
            result.Cost);
        return result;
    }

    /// <summary>The result sent for a job that failed for good.</summary>
    public JobResult Failed(JobMessage? job, string id, string error, int attempts)
    {
        metrics.CountJob(job?.Kind ?? "unknown", "failed");
        return new JobResult
        {
            Id = id,
            Kind = job?.Kind ?? "unknown",
            Status = "failed",
            Model = job?.Model ?? "",
            Version = job?.Version,
            Currency = metrics.HourlyPrice.Currency.Code,
            Provider = provider.Name,
            Attempts = attempts,
            Error = error,
        };
    }

    private static void Validate(JobMessage job)
    {
        if (string.IsNullOrEmpty(job.Id) || job.Id.Length > 128
            || !job.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new JobInputException($"job id '{job.Id}' must be 1 to 128 letters, digits, '-', '_' or '.'");
        }

        if (job.Kind is not ("infer" or "quantize"))
        {
            throw new JobInputException($"job {job.Id}: kind '{job.Kind}' is not 'infer' or 'quantize'");
        }

        if (!ModelPath.IsValidModelName(job.Model))
        {
            throw new JobInputException($"job {job.Id}: '{job.Model}' is not a model name");
        }

        if (job.Kind == "infer" && string.IsNullOrWhiteSpace(job.Input))
        {
            throw new JobInputException($"job {job.Id}: an infer job needs 'input'");
        }
    }

    private async Task<JobResult> InferAsync(JobMessage job, CancellationToken cancellationToken)
    {
        var version = await ResolveAsync(job, cancellationToken).ConfigureAwait(false);
        var model = await sessions.AcquireAsync(job.Model, version, cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await storage.ReadAsync(job.Input!, cancellationToken).ConfigureAwait(false)
                ?? throw new JobInputException($"job {job.Id}: input {job.Input} does not exist");
            var inputs = BatchInputReader.Read(content, job.Input!, model.Inputs);
            var output = job.Output
                ?? JobStorage.Beside(job.Input!, $"{JobStorage.FileStem(job.Input!)}.{job.Id}.out.jsonl");
            var (lines, busy) = RunInChunks(model, inputs, cancellationToken);
            await storage.WriteAsync(output, lines, cancellationToken).ConfigureAwait(false);

            var rows = inputs[0].Rows;
            metrics.CountPredictions(job.Model, rows, fromCache: false);
            return Succeeded(job, version, busy, rows) with { Output = output };
        }
        finally
        {
            model.Release();
        }
    }

    private (byte[] Lines, TimeSpan Busy) RunInChunks(
        OnnxModel model, NamedTensor[] inputs, CancellationToken cancellationToken)
    {
        var chunk = Math.Max(options.Value.MaxBatchSize, 256);
        var outputs = model.Outputs.Select(o => o.Name).ToArray();
        var busy = TimeSpan.Zero;
        using var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer);
        for (long start = 0; start < inputs[0].Rows; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(chunk, inputs[0].Rows - start);
            var started = time.GetTimestamp();
            var results = model.Run(inputs.Select(i => Rows(i, start, count)).ToArray(), outputs);
            var elapsed = time.GetElapsedTime(started);
            busy += elapsed;
            metrics.ObserveRun(model.Name, count, elapsed);
            JsonLinesOutput.Append(buffer, writer, results, start, count);
        }

        return (buffer.ToArray(), busy);
    }

    private static NamedTensor Rows(NamedTensor tensor, long start, long count)
    {
        var rowBytes = tensor.Bytes.LongLength / tensor.Rows;
        long[] shape = [count, .. tensor.Shape.AsSpan(1)];
        var bytes = tensor.Bytes.AsSpan((int)(start * rowBytes), (int)(count * rowBytes)).ToArray();
        return tensor with { Shape = shape, Bytes = bytes };
    }

    private async Task<JobResult> QuantizeAsync(JobMessage job, CancellationToken cancellationToken)
    {
        var precision = job.Precision?.ToUpperInvariant() switch
        {
            null or "INT8" => QuantizationPrecision.Int8,
            "FP16" => QuantizationPrecision.Fp16,
            _ => throw new JobInputException($"job {job.Id}: precision '{job.Precision}' is not 'int8' or 'fp16'"),
        };
        var version = await ResolveAsync(job, cancellationToken).ConfigureAwait(false);
        var calibration = await CalibrationAsync(job, version, cancellationToken).ConfigureAwait(false);

        var started = time.GetTimestamp();
        var report = await quantizer.QuantizeAsync(job.Model, version, precision, calibration, cancellationToken)
            .ConfigureAwait(false);
        var busy = time.GetElapsedTime(started);
        var reportLocation = $"{job.Model}/{report.Version}/{QuantizationService.ReportFileName}";
        if (job.Output is not null)
        {
            await storage.WriteAsync(job.Output, JsonSerializer.SerializeToUtf8Bytes(report, Json), cancellationToken)
                .ConfigureAwait(false);
            reportLocation = job.Output;
        }

        return Succeeded(job, report.Version, busy, 0) with { Report = reportLocation };
    }

    private async Task<IReadOnlyList<NamedTensor>?> CalibrationAsync(
        JobMessage job, string version, CancellationToken cancellationToken)
    {
        if (job.Input is null)
        {
            return null;
        }

        var content = await storage.ReadAsync(job.Input, cancellationToken).ConfigureAwait(false)
            ?? throw new JobInputException($"job {job.Id}: calibration set {job.Input} does not exist");
        OnnxModel model;
        try
        {
            model = await sessions.AcquireAsync(job.Model, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException exception)
        {
            throw new QuantizationException($"job {job.Id}: {exception.Message}");
        }

        try
        {
            return BatchInputReader.Read(content, job.Input, model.Inputs);
        }
        finally
        {
            model.Release();
        }
    }

    private async Task<string> ResolveAsync(JobMessage job, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.ResolveAsync(job.Model, job.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException exception)
        {
            throw new JobInputException($"job {job.Id}: {exception.Message}");
        }
    }

    private JobResult Succeeded(JobMessage job, string version, TimeSpan busy, long predictions)
    {
        var price = metrics.HourlyPrice;
        var cost = decimal.Round(price.Amount * (decimal)busy.TotalSeconds / 3600m, 10);
        return new JobResult
        {
            Id = job.Id,
            Kind = job.Kind,
            Status = "succeeded",
            Model = job.Model,
            Version = version,
            GpuSeconds = busy.TotalSeconds,
            Predictions = predictions,
            Cost = cost,
            CostPer1000 = PredictionCost.PerThousand(price, busy.TotalSeconds, predictions).Amount,
            Currency = price.Currency.Code,
            Provider = provider.Name,
        };
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Information,
        Message = "Job {JobId} ({Kind}) on {Model} version {Version}: {Predictions} predictions in {GpuSeconds:F3} " +
            "busy seconds, cost {Cost}")]
    private static partial void LogFinished(ILogger logger, string jobId, string kind, string model, string? version,
        long predictions, double gpuSeconds, decimal cost);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information,
        Message = "Job {JobId} already finished; sending its stored result again")]
    private static partial void LogDuplicate(ILogger logger, string jobId);
}
