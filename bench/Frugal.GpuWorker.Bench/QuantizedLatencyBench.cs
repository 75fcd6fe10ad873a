using System.Globalization;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Quantization;
using Frugal.GpuWorker.Tensors;
using Frugal.GpuWorker.Tests;
using Google.Protobuf;
using Onnx;

namespace Frugal.GpuWorker.Bench;

/// <summary>Latency of the INT8 (weight-only QDQ) and FP16-storage versions of the bench MLP against FP32.</summary>
internal static class QuantizedLatencyBench
{
    public static Task RunAsync(BenchSessions sessions)
    {
        var source = ThroughputBench.Mlp.ToBytes();
        var mlp = ThroughputBench.Mlp;
        var calibration = NamedTensor.FromFloats(
            "features", [1024, mlp.Features], MlpModel.Rows(1024, mlp.Features, seed: 5));
        var fp32 = sessions.Open("fp32", source);
        var rewrite = Int8Search.Run(
            ModelProto.Parser.ParseFrom(source), fp32, [calibration], bytes => sessions.Open("calibration", bytes));
        var int8 = rewrite.Model.ToByteArray();
        Console.WriteLine();
        Console.WriteLine($"INT8 notes: {string.Join("; ", rewrite.Notes)}");
        var weightOnly = Int8Quantizer.Apply(ModelProto.Parser.ParseFrom(source)).Model.ToByteArray();
        var parsed = ModelProto.Parser.ParseFrom(source);
        var ranges = ActivationRanges.Measure(parsed, [calibration], bytes => sessions.Open("calibration", bytes));
        var allActivations = Int8Quantizer.Apply(parsed, ranges).Model.ToByteArray();
        var fp16 = Fp16WeightConverter.Apply(ModelProto.Parser.ParseFrom(source)).Model.ToByteArray();
        var models = new (string Name, OnnxModel Model, long Bytes)[]
        {
            ("FP32", fp32, source.LongLength),
            ("INT8 as the quantize job builds it", sessions.Open("int8", int8), int8.LongLength),
            ("INT8 weights only", sessions.Open("int8w", weightOnly), weightOnly.LongLength),
            ("INT8 weights and all activations", sessions.Open("int8a", allActivations), allActivations.LongLength),
            ("FP16 storage", sessions.Open("fp16", fp16), fp16.LongLength),
        };

        Console.WriteLine();
        Console.WriteLine("| Model | bytes | size ratio | ms at batch 1 | ms at batch 64 | latency ratio (64) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var reference = 0.0;
        foreach (var (name, model, bytes) in models)
        {
            var one = Latency(model, 1);
            var many = Latency(model, 64);
            reference = reference == 0 ? many : reference;
            var ratio = (double)bytes / source.LongLength;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {bytes:N0} | {ratio:F3} | {one * 1e3:F3} | {many * 1e3:F3} | {many / reference:F2} |"));
        }

        return Task.CompletedTask;
    }

    private static double Latency(OnnxModel model, int batch)
    {
        var mlp = ThroughputBench.Mlp;
        var rows = MlpModel.Rows(batch, mlp.Features, 2);
        NamedTensor[] inputs = [NamedTensor.FromFloats("features", [batch, mlp.Features], rows)];
        string[] outputs = ["logits"];
        return Measure.SecondsPerCall(() => model.Run(inputs, outputs), Math.Max(20, 5_000 / batch));
    }
}
