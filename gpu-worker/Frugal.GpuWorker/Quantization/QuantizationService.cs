using System.Text.Json;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Jobs;
using Frugal.GpuWorker.Protocol;
using Frugal.GpuWorker.Repository;
using Frugal.GpuWorker.Tensors;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>The precisions a quantization job can produce.</summary>
internal enum QuantizationPrecision
{
    Int8,
    Fp16,
}

/// <summary>
/// Turns an FP32 model version into a new, smaller version plus its report. The report is written before the model,
/// so a reader that sees the new version's model.onnx always finds its report too.
/// </summary>
internal sealed partial class QuantizationService(
    ModelCatalog catalog,
    ExecutionProviderChoice provider,
    TimeProvider time,
    ILogger<QuantizationService> logger)
{
    public const string ReportFileName = "quantization-report.json";

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly SemaphoreSlim versionGate = new(1, 1);

    public async Task<QuantizationReport> QuantizeAsync(
        string model,
        string? version,
        QuantizationPrecision precision,
        IReadOnlyList<NamedTensor>? calibration,
        CancellationToken cancellationToken)
    {
        var sourceVersion = await ResolveAsync(model, version, cancellationToken).ConfigureAwait(false);
        var sourceBytes = await catalog.Repository
            .ReadAsync(model, sourceVersion, ModelPath.ModelFileName, cancellationToken)
            .ConfigureAwait(false) ?? throw new JobInputException($"model '{model}' has no version '{sourceVersion}'");
        var parsed = Parse(model, sourceVersion, sourceBytes);
        using var source = Open(model, sourceVersion, sourceBytes);
        var rows = calibration ?? SyntheticCalibration.For(source.Inputs);
        var rewrite = precision == QuantizationPrecision.Int8
            ? Int8Search.Run(parsed, source, rows, bytes => Open(model, "calibration", bytes))
            : Fp16WeightConverter.Apply(parsed);
        var quantizedBytes = rewrite.Model.ToByteArray();

        using var quantized = Open(model, "candidate", quantizedBytes);
        var comparison = QuantizationEvaluator.Compare(source, quantized, rows, time);

        await versionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await catalog.VersionsAsync(model, forceRefresh: true, cancellationToken)
                .ConfigureAwait(false);
            var report = Report(model, sourceVersion, ModelPath.Next(existing), precision, sourceBytes.LongLength,
                quantizedBytes.LongLength, calibration is null, rows[0].Rows, comparison, rewrite);
            await WriteAsync(report, quantizedBytes, cancellationToken).ConfigureAwait(false);
            LogQuantized(logger, model, sourceVersion, report.Version, report.Precision, report.SizeRatio,
                report.Top1Agreement);
            return report;
        }
        finally
        {
            versionGate.Release();
        }
    }

    private async Task<string> ResolveAsync(string model, string? version, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.ResolveAsync(model, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException exception)
        {
            throw new JobInputException(exception.Message);
        }
    }

    private static ModelProto Parse(string model, string version, byte[] bytes)
    {
        try
        {
            var parsed = ModelProto.Parser.ParseFrom(bytes);
            if (parsed.Graph is null || parsed.Graph.Node.Count == 0 || parsed.IrVersion <= 0)
            {
                throw new QuantizationException($"model '{model}' version {version} is not an ONNX model: no graph");
            }

            return parsed;
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new QuantizationException(
                $"model '{model}' version {version} is not an ONNX model: {exception.Message}", exception);
        }
    }

    private OnnxModel Open(string model, string version, byte[] bytes)
    {
        try
        {
            return QuantizationEvaluator.Open(model, version, bytes, provider.CreateSessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new QuantizationException(
                $"model '{model}' version {version} cannot be loaded: {exception.Message.Split('\n')[0]}", exception);
        }
    }

    private QuantizationReport Report(
        string model,
        string sourceVersion,
        string version,
        QuantizationPrecision precision,
        long sourceBytes,
        long quantizedBytes,
        bool synthetic,
        long rows,
        QuantizationEvaluator.Comparison comparison,
        GraphRewrite rewrite) => new()
        {
            Model = model,
            SourceVersion = sourceVersion,
            Version = version,
            Precision = precision == QuantizationPrecision.Int8 ? "int8" : "fp16",
            Provider = provider.Name,
            SourceBytes = sourceBytes,
            QuantizedBytes = quantizedBytes,
            SizeRatio = (double)quantizedBytes / sourceBytes,
            CalibrationRows = (int)rows,
            CalibrationSource = synthetic ? "synthetic" : "file",
            MeanAbsoluteError = comparison.MeanAbsoluteError,
            MaxAbsoluteError = comparison.MaxAbsoluteError,
            Top1Agreement = comparison.Top1Agreement,
            SourceLatencyMilliseconds = comparison.SourceLatencyMilliseconds,
            QuantizedLatencyMilliseconds = comparison.QuantizedLatencyMilliseconds,
            LatencyRatio = comparison.QuantizedLatencyMilliseconds / comparison.SourceLatencyMilliseconds,
            TensorsRewritten = rewrite.TensorsRewritten,
            QuantizedOperators = rewrite.QuantizedOperators,
            OperatorsLeftInFloat = rewrite.OperatorsLeftInFloat,
            Notes = rewrite.Notes,
        };

    private async Task WriteAsync(QuantizationReport report, byte[] modelBytes, CancellationToken cancellationToken)
    {
        var reportBytes = JsonSerializer.SerializeToUtf8Bytes(report, ReportJson);
        await catalog.Repository.WriteAsync(
            report.Model, report.Version, ReportFileName, reportBytes, cancellationToken).ConfigureAwait(false);
        await catalog.Repository.WriteAsync(
            report.Model, report.Version, ModelPath.ModelFileName, modelBytes, cancellationToken).ConfigureAwait(false);
        catalog.Invalidate(report.Model);
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Information,
        Message = "Quantized {Model} version {SourceVersion} to version {Version} ({Precision}): size ratio " +
            "{SizeRatio:F3}, top-1 agreement {Agreement:P2}")]
    private static partial void LogQuantized(ILogger logger, string model, string sourceVersion, string version,
        string precision, double sizeRatio, double agreement);
}
