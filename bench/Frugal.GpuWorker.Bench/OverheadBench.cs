using System.Globalization;
using Frugal.GpuWorker.Caching;
using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Frugal.GpuWorker.Bench;

/// <summary>
/// Per-call overhead on a one-element Identity model, where the model itself costs next to nothing: ONNX Runtime
/// with input and output buffers created once and reused, then the worker's own run path (which pins the request
/// bytes and copies the output), and the result-cache key of a 32-float request.
/// </summary>
internal static class OverheadBench
{
    public static void Run(BenchSessions sessions)
    {
        Console.WriteLine();
        Console.WriteLine("| Per-call overhead | µs per call |");
        Console.WriteLine("|---|---|");
        Row("ONNX Runtime Run, reused OrtValues (Identity, 1 float)", ReusedBuffers(sessions));
        Row("ONNX Runtime RunWithBinding, inputs and outputs bound once (Identity, 1 float)", BoundOnce(sessions));
        Row("worker OnnxModel.Run (pin input, copy output)", WorkerPath(sessions));
        Row("result-cache key, SHA-256 of a 32-float request", CacheKey());
    }

    private static double ReusedBuffers(BenchSessions sessions)
    {
        using var session = sessions.OpenRaw(ProbeModel.Bytes);
        using var runOptions = new RunOptions();
        float[] input = [1f];
        float[] output = [0f];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1L]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [1L]);
        string[] inputNames = ["x"];
        string[] outputNames = ["y"];
        OrtValue[] inputs = [inputValue];
        OrtValue[] outputs = [outputValue];
        return Measure.SecondsPerCall(
            () => session.Run(runOptions, inputNames, inputs, outputNames, outputs), callsPerRound: 20_000);
    }

    private static double BoundOnce(BenchSessions sessions)
    {
        using var session = sessions.OpenRaw(ProbeModel.Bytes);
        using var runOptions = new RunOptions();
        float[] input = [1f];
        float[] output = [0f];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1L]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [1L]);
        using var binding = session.CreateIoBinding();
        binding.BindInput("x", inputValue);
        binding.BindOutput("y", outputValue);
        binding.SynchronizeBoundInputs();
        return Measure.SecondsPerCall(() => session.RunWithBinding(runOptions, binding), callsPerRound: 20_000);
    }

    private static double WorkerPath(BenchSessions sessions)
    {
        var model = sessions.Open("identity", ProbeModel.Bytes);
        NamedTensor[] inputs = [NamedTensor.FromFloats("x", [1], [1f])];
        string[] outputs = ["y"];
        return Measure.SecondsPerCall(() => model.Run(inputs, outputs), callsPerRound: 20_000);
    }

    private static double CacheKey()
    {
        NamedTensor[] inputs = [NamedTensor.FromFloats("features", [1, 32], new float[32])];
        var request = new InferenceRequest(null, inputs, ["logits"]);
        return Measure.SecondsPerCall(() => ResultKey.For("mlp", "1", request), callsPerRound: 50_000);
    }

    private static void Row(string name, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {seconds * 1e6:F2} |"));
}
