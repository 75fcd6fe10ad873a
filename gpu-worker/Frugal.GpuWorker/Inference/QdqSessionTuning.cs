using Google.Protobuf;
using Onnx;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// ONNX Runtime keeps DequantizeLinear nodes out of constant folding so that it can fuse QDQ patterns into integer
/// kernels. A weight-only QDQ model (DequantizeLinear on constants, no QuantizeLinear) has nothing to fuse, and would
/// dequantize every weight on every run; for such a model QDQ handling is switched off, the dequantization is folded
/// once at load, and it runs at FP32 speed while its file stays INT8-sized.
/// </summary>
internal static class QdqSessionTuning
{
    public static void Apply(SessionOptions options, byte[] modelBytes)
    {
        if (IsWeightOnlyQdq(modelBytes))
        {
            options.AddSessionConfigEntry("session.disable_quant_qdq", "1");
        }
    }

    public static bool IsWeightOnlyQdq(byte[] modelBytes)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(modelBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }

        var nodes = model.Graph?.Node;
        return nodes is not null && nodes.Any(n => n.OpType == "DequantizeLinear")
            && nodes.All(n => n.OpType != "QuantizeLinear");
    }
}
