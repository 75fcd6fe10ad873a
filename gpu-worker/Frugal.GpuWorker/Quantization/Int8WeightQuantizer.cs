using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// Rewrites the constant weights of MatMul, Gemm and Conv as signed 8-bit integers with one symmetric scale per
/// output channel, each followed by a DequantizeLinear node (QDQ form) that restores the original tensor name, so
/// the rest of the graph is untouched. Activations stay FP32: no calibration is needed to build the model, and the
/// calibration set is used only to measure what the rewrite costs in accuracy.
/// </summary>
internal static class Int8WeightQuantizer
{
    /// <summary>DequantizeLinear takes a per-axis scale from opset 13 on.</summary>
    private const long MinimumOpset = 13;

    public static GraphRewrite Apply(ModelProto model)
    {
        var rewrite = new GraphRewrite(model);
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx")
            .Select(o => o.Version).DefaultIfEmpty(0).Max();
        foreach (var node in model.Graph.Node.ToArray())
        {
            var target = opset >= MinimumOpset ? WeightOf(node) : null;
            if (target is null || !TryQuantize(rewrite, node.Input[target.Value.Index], target.Value.Axis))
            {
                rewrite.LeaveInFloat(node.OpType);
                continue;
            }

            rewrite.MarkQuantized(node.OpType);
        }

        if (opset < MinimumOpset)
        {
            rewrite.Note($"opset {opset} is below {MinimumOpset}, which per-channel DequantizeLinear needs");
        }

        return rewrite.Commit();
    }

    /// <summary>Which input holds the weight, and the axis of its output channels.</summary>
    private static (int Index, int Axis)? WeightOf(NodeProto node) => node.OpType switch
    {
        "MatMul" when node.Input.Count == 2 => (1, 1),
        "Gemm" when node.Input.Count >= 2 => (1, TransB(node) ? 0 : 1),
        "Conv" when node.Input.Count >= 2 => (1, 0),
        _ => null,
    };

    private static bool TransB(NodeProto node) => node.Attribute.Any(a => a.Name == "transB" && a.I != 0);

    private static bool TryQuantize(GraphRewrite rewrite, string weightName, int axis)
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
        Dequantize(weightName, axis));
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

    private static NodeProto Dequantize(string weightName, int axis)
    {
        var node = new NodeProto { OpType = "DequantizeLinear", Name = weightName + "_dequantize" };
        node.Input.Add(weightName + "_quantized");
        node.Input.Add(weightName + "_scale");
        node.Input.Add(weightName + "_zero_point");
        node.Output.Add(weightName);
        node.Attribute.Add(
            new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = axis });
        return node;
    }
}
