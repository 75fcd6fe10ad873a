using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// Puts a QuantizeLinear/DequantizeLinear pair on an operator's activation input: asymmetric UINT8, one scale per
/// tensor from its calibration range. A tensor feeding several operators shares one pair, placed before the first.
/// </summary>
internal sealed class ActivationQuantizer(
    ModelProto model, IReadOnlyDictionary<string, (float Min, float Max)> ranges)
{
    private readonly HashSet<string> quantized = new(StringComparer.Ordinal);

    public int Count => quantized.Count;

    /// <summary>Rewires the node's first input through a QDQ pair; false when the tensor has no range.</summary>
    public bool Quantize(NodeProto node)
    {
        var tensor = node.Input[0];
        if (quantized.Contains(tensor))
        {
            node.Input[0] = tensor + "_qdq";
            return true;
        }

        if (!ranges.TryGetValue(tensor, out var range) || range.Max <= range.Min)
        {
            return false;
        }

        var scale = (range.Max - range.Min) / 255f;
        var zeroPoint = (byte)Math.Clamp(Math.Round(-range.Min / scale), 0, 255);
        model.Graph.Initializer.Add(
            FloatInitializer.Create<float>(tensor + "_act_scale", TensorProto.Types.DataType.Float, [], [scale]));
        model.Graph.Initializer.Add(FloatInitializer.Create<byte>(
            tensor + "_act_zero_point", TensorProto.Types.DataType.Uint8, [], [zeroPoint]));

        var position = model.Graph.Node.IndexOf(node);
        model.Graph.Node.Insert(position, QdqNodes.DequantizeTensor(tensor + "_q", tensor + "_qdq", tensor + "_act"));
        model.Graph.Node.Insert(position, QdqNodes.Quantize(tensor, tensor + "_q", tensor + "_act"));
        node.Input[0] = tensor + "_qdq";
        quantized.Add(tensor);
        return true;
    }
}
