using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>QuantizeLinear and DequantizeLinear nodes whose scale and zero point are named after the tensor.</summary>
internal static class QdqNodes
{
    public static NodeProto Dequantize(string quantized, string output, int axis)
    {
        var tensor = output;
        var node = new NodeProto { OpType = "DequantizeLinear", Name = output + "_dequantize" };
        node.Input.Add(quantized);
        node.Input.Add(tensor + "_scale");
        node.Input.Add(tensor + "_zero_point");
        node.Output.Add(output);
        node.Attribute.Add(
            new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = axis });
        return node;
    }

    public static NodeProto Quantize(string input, string output, string parametersOf)
    {
        var node = new NodeProto { OpType = "QuantizeLinear", Name = output + "_quantize" };
        node.Input.Add(input);
        node.Input.Add(parametersOf + "_scale");
        node.Input.Add(parametersOf + "_zero_point");
        node.Output.Add(output);
        return node;
    }

    public static NodeProto DequantizeTensor(string quantized, string output, string parametersOf)
    {
        var node = new NodeProto { OpType = "DequantizeLinear", Name = output + "_dequantize" };
        node.Input.Add(quantized);
        node.Input.Add(parametersOf + "_scale");
        node.Input.Add(parametersOf + "_zero_point");
        node.Output.Add(output);
        return node;
    }
}
