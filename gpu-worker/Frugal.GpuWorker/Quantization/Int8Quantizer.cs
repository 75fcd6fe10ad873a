using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// INT8 in QDQ form. The constant weights of MatMul, Gemm and Conv become signed 8-bit integers with one symmetric
/// scale per output channel, each followed by a DequantizeLinear node that restores the original tensor name. When
/// activation ranges from a calibration run are given, each such operator's activation input also gets a
/// QuantizeLinear/DequantizeLinear pair (unsigned 8-bit, one scale per tensor), which lets ONNX Runtime fuse the
/// pattern into integer kernels; without them the weights are dequantized on every run and the model is smaller
/// but slower. Biases stay FP32: as INT32 they would be no smaller and need a scale tensor beside them.
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>DequantizeLinear takes a per-axis scale from opset 13 on.</summary>
    private const long MinimumOpset = 13;

    /// <summary>Activations (non-constant first inputs) of the operators this quantizer handles.</summary>
    public static IReadOnlyList<string> ActivationsToQuantize(ModelProto model)
    {
        var constants = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return model.Graph.Node.Where(n => WeightOf(n) is not null && constants.Contains(n.Input[1]))
            .Select(n => n.Input[0]).Where(a => !constants.Contains(a)).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static GraphRewrite Apply(
        ModelProto model, IReadOnlyDictionary<string, (float Min, float Max)>? ranges = null)
    {
        var rewrite = new GraphRewrite(model);
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx")
            .Select(o => o.Version).DefaultIfEmpty(0).Max();
        var activations = new ActivationQuantizer(model, ranges ?? new Dictionary<string, (float, float)>());
        foreach (var node in model.Graph.Node.ToArray())
        {
            var target = opset >= MinimumOpset ? WeightOf(node) : null;
            var weightName = target is null ? null : node.Input[target.Value.Index];
            if (weightName is null || !QuantizeWeight(rewrite, weightName, target!.Value.Axis))
            {
                rewrite.LeaveInFloat(node.OpType);
                continue;
            }

            rewrite.MarkQuantized(node.OpType);
            activations.Quantize(node);
        }

        NoteCoverage(rewrite, opset, activations);
        return rewrite.Commit();
    }

    private static void NoteCoverage(GraphRewrite rewrite, long opset, ActivationQuantizer activations)
    {
        if (opset < MinimumOpset)
        {
            rewrite.Note($"opset {opset} is below {MinimumOpset}, which per-channel DequantizeLinear needs");
        }

        rewrite.Note(activations.Count > 0
            ? $"{activations.Count} activation tensors quantized to UINT8 per tensor from the calibration ranges"
            : "activations left in FP32 (weights only)");
    }

    /// <summary>Which input holds the weight, and the axis of its output channels.</summary>
    private static (int Index, int Axis)? WeightOf(NodeProto node) => node.OpType switch
    {
        "MatMul" when node.Input.Count == 2 => (1, 1),
        "Gemm" when node.Input.Count >= 2 && !TransA(node) => (1, TransB(node) ? 0 : 1),
        "Conv" when node.Input.Count >= 2 => (1, 0),
        _ => null,
    };

    private static bool TransA(NodeProto node) => node.Attribute.Any(a => a.Name == "transA" && a.I != 0);

    private static bool TransB(NodeProto node) => node.Attribute.Any(a => a.Name == "transB" && a.I != 0);

    private static bool QuantizeWeight(GraphRewrite rewrite, string weightName, int axis)
    {
        if (rewrite.IsRewritten(weightName))
        {
            return true;
        }

        var initializer = rewrite.FindInitializer(weightName);
        var values = initializer is null ? null : FloatInitializer.TryRead(initializer);
        if (initializer is null || values is null || initializer.Dims.Count <= axis
            || (axis == 1 && initializer.Dims.Count != 2))
        {
            return false;
        }

        var dims = initializer.Dims.ToArray();
        var (quantized, scales) = QuantizePerChannel(values, dims, axis);
        rewrite.Replace(weightName,
        [
            FloatInitializer.Create<sbyte>(weightName + "_quantized", TensorProto.Types.DataType.Int8, dims, quantized),
            FloatInitializer.Create<float>(
                weightName + "_scale", TensorProto.Types.DataType.Float, [scales.Length], scales),
            FloatInitializer.Create<sbyte>(
                weightName + "_zero_point", TensorProto.Types.DataType.Int8, [scales.Length], new sbyte[scales.Length]),
        ],
        QdqNodes.Dequantize(weightName + "_quantized", weightName, axis));
        return true;
    }

    /// <summary>Symmetric per-channel quantization: scale = max |w| / 127 over the channel, zero point 0.</summary>
    public static (sbyte[] Quantized, float[] Scales) QuantizePerChannel(float[] values, long[] dims, int axis)
    {
        var channels = (int)dims[axis];
        var inner = (int)dims.Skip(axis + 1).Aggregate(1L, (a, b) => a * b);
        var scales = new float[channels];
        for (var i = 0; i < values.Length; i++)
        {
            var channel = i / inner % channels;
            scales[channel] = Math.Max(scales[channel], Math.Abs(values[i]));
        }

        for (var c = 0; c < channels; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var q = MathF.Round(values[i] / scales[i / inner % channels], MidpointRounding.ToEven);
            quantized[i] = (sbyte)Math.Clamp(q, -127f, 127f);
        }

        return (quantized, scales);
    }
}
