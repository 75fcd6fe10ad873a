using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Frugal.GpuWorker.Quantization;

/// <summary>Compares a quantized model with its source on the same calibration rows.</summary>
internal static class QuantizationEvaluator
{
    private const int LatencyRepetitions = 20;
    private const int LatencyBatchRows = 256;

    public static Comparison Compare(
        OnnxModel source, OnnxModel quantized, IReadOnlyList<NamedTensor> calibration, TimeProvider time)
    {
        var outputName = source.Outputs[0].Name;
        var expected = source.Run(calibration, [outputName])[0];
        var actual = quantized.Run(calibration, [outputName])[0];
        var (mean, max) = Errors(expected, actual);
        var agreement = Top1Agreement(expected, actual);

        var batch = calibration.Select(Head).ToArray();
        var sourceLatency = Latency(source, batch, outputName, time);
        var quantizedLatency = Latency(quantized, batch, outputName, time);
        return new Comparison(mean, max, agreement, sourceLatency, quantizedLatency);
    }

    public static OnnxModel Open(string name, string version, byte[] bytes, Func<SessionOptions> options)
    {
        using var sessionOptions = options();
        QdqSessionTuning.Apply(sessionOptions, bytes);
        return new OnnxModel(name, version, bytes, sessionOptions);
    }

    private static (double Mean, double Max) Errors(NamedTensor expected, NamedTensor actual)
    {
        var count = (int)expected.ElementCount;
        double sum = 0;
        double max = 0;
        for (var i = 0; i < count; i++)
        {
            var error = Math.Abs(ElementWriter.Read(expected.Datatype, expected.Bytes, i)
                - ElementWriter.Read(actual.Datatype, actual.Bytes, i));
            sum += error;
            max = Math.Max(max, error);
        }

        return (count == 0 ? 0 : sum / count, max);
    }

    /// <summary>Share of rows whose largest output (the predicted class) is the same in both models.</summary>
    public static double Top1Agreement(NamedTensor expected, NamedTensor actual)
    {
        var rows = expected.Shape.Length >= 2 ? (int)expected.Shape[0] : 1;
        var width = rows == 0 ? 0 : (int)(expected.ElementCount / rows);
        var agreeing = 0;
        for (var r = 0; r < rows; r++)
        {
            if (ArgMax(expected, r * width, width) == ArgMax(actual, r * width, width))
            {
                agreeing++;
            }
        }

        return rows == 0 ? 1 : (double)agreeing / rows;
    }

    private static int ArgMax(NamedTensor tensor, int start, int width)
    {
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var i = 0; i < width; i++)
        {
            var value = ElementWriter.Read(tensor.Datatype, tensor.Bytes, start + i);
            if (value > bestValue)
            {
                (best, bestValue) = (i, value);
            }
        }

        return best;
    }

    private static NamedTensor Head(NamedTensor tensor)
    {
        if (tensor.Shape.Length == 0 || tensor.Shape[0] <= LatencyBatchRows)
        {
            return tensor;
        }

        var rowBytes = tensor.Bytes.Length / tensor.Shape[0];
        long[] shape = [LatencyBatchRows, .. tensor.Shape.AsSpan(1)];
        var bytes = tensor.Bytes.AsSpan(0, (int)(rowBytes * LatencyBatchRows)).ToArray();
        return tensor with { Shape = shape, Bytes = bytes };
    }

    private static double Latency(OnnxModel model, NamedTensor[] batch, string output, TimeProvider time)
    {
        model.Run(batch, [output]);
        var started = time.GetTimestamp();
        for (var i = 0; i < LatencyRepetitions; i++)
        {
            model.Run(batch, [output]);
        }

        return time.GetElapsedTime(started).TotalMilliseconds / LatencyRepetitions;
    }

    /// <summary>Errors over every output element, agreement over rows, latency per run of one batch.</summary>
    internal sealed record Comparison(
        double MeanAbsoluteError,
        double MaxAbsoluteError,
        double Top1Agreement,
        double SourceLatencyMilliseconds,
        double QuantizedLatencyMilliseconds);
}
