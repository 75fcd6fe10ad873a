using Google.Protobuf;
using Onnx;

namespace Frugal.GpuWorker.Inference;

/// <summary>A one-node Identity model, built in memory and loaded to test an execution provider.</summary>
internal static class ProbeModel
{
    public static byte[] Bytes { get; } = Build().ToByteArray();

    private static ModelProto Build()
    {
        var graph = new GraphProto { Name = "probe" };
        graph.Node.Add(new NodeProto { OpType = "Identity", Input = { "x" }, Output = { "y" } });
        graph.Input.Add(FloatValue("x"));
        graph.Output.Add(FloatValue("y"));
        return new ModelProto
        {
            IrVersion = 8,
            ProducerName = "frugal-gpu-worker",
            Graph = graph,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
        };
    }

    private static ValueInfoProto FloatValue(string name)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = shape,
                },
            },
        };
    }
}
