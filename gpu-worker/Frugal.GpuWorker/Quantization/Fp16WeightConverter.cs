using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// Stores every FP32 initializer as FP16, each followed by a Cast back to FP32. This halves the file and the weight
/// memory on every provider; arithmetic stays FP32, because ONNX Runtime's CPU provider lacks FP16 kernels for most
/// operators. Running the whole graph in FP16 (for GPU tensor cores) would need every value's type rewritten and is
/// not done here.
/// </summary>
internal static class Fp16WeightConverter
{
    public static GraphRewrite Apply(ModelProto model)
    {
        var rewrite = new GraphRewrite(model);
        foreach (var initializer in model.Graph.Initializer.ToArray())
        {
            var values = FloatInitializer.TryRead(initializer);
            if (values is null)
            {
                continue;
            }

            var halves = values.Select(v => (Half)v).ToArray();
            var dims = initializer.Dims.ToArray();
            rewrite.Replace(initializer.Name,
                [FloatInitializer.Create<Half>(
                    initializer.Name + "_fp16", TensorProto.Types.DataType.Float16, dims, halves)],
                CastToFloat(initializer.Name));
        }

        rewrite.Note("weights are stored in FP16 and cast to FP32; arithmetic stays FP32");
        return rewrite.Commit();
    }

    private static NodeProto CastToFloat(string name)
    {
        var node = new NodeProto { OpType = "Cast", Name = name + "_to_fp32" };
        node.Input.Add(name + "_fp16");
        node.Output.Add(name);
        node.Attribute.Add(new AttributeProto
        {
            Name = "to",
            Type = AttributeProto.Types.AttributeType.Int,
            I = (long)TensorProto.Types.DataType.Float,
        });
        return node;
    }
}
