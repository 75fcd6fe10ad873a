using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;
using Google.Protobuf;
using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// The observed range of each activation that feeds a quantizable operator, found by running the source model on
/// the calibration rows with those activations exposed as extra graph outputs.
/// </summary>
internal static class ActivationRanges
{
    public static IReadOnlyDictionary<string, (float Min, float Max)> Measure(
        ModelProto source, IReadOnlyList<NamedTensor> calibration, Func<byte[], OnnxModel> open)
    {
        var names = Int8Quantizer.ActivationsToQuantize(source);
        if (names.Count == 0)
        {
            return new Dictionary<string, (float, float)>();
        }

        var probe = source.Clone();
        var existing = probe.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !existing.Contains(n)))
        {
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto
                {
                    TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float },
                },
            });
        }

        var model = open(probe.ToByteArray());
        try
        {
            var outputs = model.Run(calibration, names.ToArray());
            return outputs.ToDictionary(o => o.Name, Range, StringComparer.Ordinal);
        }
        finally
        {
            model.Release();
        }
    }

    /// <summary>
    /// The range holding all but the outermost 0.01% of values at each end, widened to include zero so that zero
    /// (padding, ReLU's floor) is exact. Clipping the few extreme values buys a finer step for all the others.
    /// </summary>
    private static (float Min, float Max) Range(NamedTensor tensor)
    {
        var values = tensor.AsFloats().ToArray();
        Array.Sort(values);
        var cut = (int)(values.Length * 0.0001);
        var min = values.Length == 0 ? 0f : values[cut];
        var max = values.Length == 0 ? 0f : values[values.Length - 1 - cut];
        return (Math.Min(min, 0f), Math.Max(max, 0f));
    }
}
