namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// What a quantization produced and what it cost in accuracy, measured on the calibration set: the new version,
/// sizes, output errors, top-1 agreement, latency on this worker's provider, and what was and was not rewritten.
/// Written as <c>quantization-report.json</c> beside the new model.
/// </summary>
internal sealed record QuantizationReport
{
    public required string Model { get; init; }

    public required string SourceVersion { get; init; }

    public required string Version { get; init; }

    public required string Precision { get; init; }

    public required string Provider { get; init; }

    public long SourceBytes { get; init; }

    public long QuantizedBytes { get; init; }

    public double SizeRatio { get; init; }

    public int CalibrationRows { get; init; }

    /// <summary><c>file</c> when a calibration set was given, <c>synthetic</c> for standard normal rows.</summary>
    public required string CalibrationSource { get; init; }

    public double MeanAbsoluteError { get; init; }

    public double MaxAbsoluteError { get; init; }

    public double Top1Agreement { get; init; }

    public double SourceLatencyMilliseconds { get; init; }

    public double QuantizedLatencyMilliseconds { get; init; }

    /// <summary>Quantized over source latency on the same batch: below 1 is faster.</summary>
    public double LatencyRatio { get; init; }

    public int TensorsRewritten { get; init; }

    public IReadOnlyCollection<string> QuantizedOperators { get; init; } = [];

    public IReadOnlyCollection<string> OperatorsLeftInFloat { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];
}
