using Google.Protobuf;
using Onnx;

namespace Frugal.GpuWorker.Tests;

/// <summary>
/// A small multilayer perceptron classifier built with the ONNX schema: features [-1, F] → MatMul+Add → Relu →
/// Gemm → Relu → MatMul+Add → logits [-1, C]. Weights are seeded, and <see cref="Predict"/> computes the same
/// function in plain C# so tests can check the worker against an independent answer.
/// </summary>
internal sealed class MlpModel
{
    private readonly float[][] weights;
    private readonly float[][] biases;

    public MlpModel(int features = 32, int hidden = 128, int classes = 10, int seed = 7)
    {
        Features = features;
        Classes = classes;
        var random = new Random(seed);
        int[] sizes = [features, hidden, hidden, classes];
        weights = new float[3][];
        biases = new float[3][];
        for (var layer = 0; layer < 3; layer++)
        {
            var scale = Math.Sqrt(2.0 / sizes[layer]);
            weights[layer] = Gaussian(random, sizes[layer] * sizes[layer + 1], scale);
            biases[layer] = Gaussian(random, sizes[layer + 1], 0.1);
        }

        Sizes = sizes;
    }

    public int Features { get; }

    public int Classes { get; }

    private int[] Sizes { get; }

    public byte[] ToBytes() => Build().ToByteArray();

    public void WriteTo(string repository, string name, string version)
    {
        Directory.CreateDirectory(Path.Combine(repository, name, version));
        File.WriteAllBytes(Path.Combine(repository, name, version, "model.onnx"), ToBytes());
    }

    /// <summary>Standard normal rows, seeded.</summary>
    public static float[] Rows(int rows, int features, int seed) => Gaussian(new Random(seed), rows * features, 1.0);

    public float[] Predict(ReadOnlySpan<float> row)
    {
        var activation = row.ToArray();
        for (var layer = 0; layer < 3; layer++)
        {
            var next = new float[Sizes[layer + 1]];
            for (var j = 0; j < next.Length; j++)
            {
                var sum = biases[layer][j];
                for (var i = 0; i < activation.Length; i++)
                {
                    sum += activation[i] * weights[layer][(i * next.Length) + j];
                }

                next[j] = layer < 2 ? Math.Max(0, sum) : sum;
            }

            activation = next;
        }

        return activation;
    }

    private ModelProto Build()
    {
        var graph = new GraphProto { Name = "mlp" };
        graph.Input.Add(Value("features", Features));
        graph.Output.Add(Value("logits", Classes));
        for (var layer = 0; layer < 3; layer++)
        {
            graph.Initializer.Add(Tensor($"w{layer}", [Sizes[layer], Sizes[layer + 1]], weights[layer]));
            graph.Initializer.Add(Tensor($"b{layer}", [Sizes[layer + 1]], biases[layer]));
        }

        graph.Node.Add(Node("MatMul", ["features", "w0"], "h0"));
        graph.Node.Add(Node("Add", ["h0", "b0"], "h0b"));
        graph.Node.Add(Node("Relu", ["h0b"], "a0"));
        graph.Node.Add(Node("Gemm", ["a0", "w1", "b1"], "h1"));
        graph.Node.Add(Node("Relu", ["h1"], "a1"));
        graph.Node.Add(Node("MatMul", ["a1", "w2"], "h2"));
        graph.Node.Add(Node("Add", ["h2", "b2"], "logits"));
        return new ModelProto
        {
            IrVersion = 8,
            ProducerName = "frugal-tests",
            Graph = graph,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 17 } },
        };
    }

    private static NodeProto Node(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = output + "_" + op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    private static ValueInfoProto Value(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
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

    private static float[] Gaussian(Random random, int count, double scale)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = (float)(scale * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }
}
