using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;
using Google.Protobuf;
using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// Chooses which activations to quantize. All of them first; while top-1 agreement on the calibration rows stays
/// under the target, the activation whose return to FP32 helps most is left in FP32, one at a time. Weights are
/// always INT8. Because the same rows choose and then measure, the report's agreement is an in-sample figure.
/// </summary>
internal static class Int8Search
{
    public const double TargetAgreement = 0.99;

    public static GraphRewrite Run(
        ModelProto source, OnnxModel reference, IReadOnlyList<NamedTensor> calibration, Func<byte[], OnnxModel> open)
    {
        var ranges = new Dictionary<string, (float Min, float Max)>(
            ActivationRanges.Measure(source, calibration, open), StringComparer.Ordinal);
        var expected = reference.Run(calibration, [reference.Outputs[0].Name])[0];
        var kept = new List<string>();
        while (true)
        {
            var agreement = Agreement(source, ranges, expected, calibration, open);
            if (agreement >= TargetAgreement || ranges.Count == 0)
            {
                return Finish(source, ranges, kept);
            }

            var best = ranges.Keys.Select(name => (Name: name, Agreement: Agreement(
                    source, Without(ranges, name), expected, calibration, open)))
                .MaxBy(candidate => candidate.Agreement);
            ranges.Remove(best.Name);
            kept.Add(best.Name);
        }
    }

    private static GraphRewrite Finish(
        ModelProto source, Dictionary<string, (float Min, float Max)> ranges, List<string> keptInFloat)
    {
        var rewrite = Int8Quantizer.Apply(source, ranges);
        if (keptInFloat.Count > 0)
        {
            rewrite.Note($"activations kept in FP32 to hold top-1 agreement at {TargetAgreement:P0} or more: " +
                string.Join(", ", keptInFloat));
        }

        return rewrite;
    }

    private static Dictionary<string, (float Min, float Max)> Without(
        Dictionary<string, (float Min, float Max)> ranges, string name) =>
        ranges.Where(r => r.Key != name).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    private static double Agreement(
        ModelProto source,
        IReadOnlyDictionary<string, (float Min, float Max)> ranges,
        NamedTensor expected,
        IReadOnlyList<NamedTensor> calibration,
        Func<byte[], OnnxModel> open)
    {
        var candidate = open(Int8Quantizer.Apply(source.Clone(), ranges).Model.ToByteArray());
        try
        {
            var actual = candidate.Run(calibration, [expected.Name])[0];
            return QuantizationEvaluator.Top1Agreement(expected, actual);
        }
        finally
        {
            candidate.Release();
        }
    }
}
