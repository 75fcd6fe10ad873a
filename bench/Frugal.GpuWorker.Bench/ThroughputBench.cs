using System.Globalization;
using Frugal.GpuWorker.Tensors;
using Frugal.GpuWorker.Tests;

namespace Frugal.GpuWorker.Bench;

/// <summary>Rows per second through the worker's run path at batch sizes 1, 8, 64 and 256 on the bench MLP.</summary>
internal static class ThroughputBench
{
    public static readonly MlpModel Mlp = new(features: 64, hidden: 256, classes: 10);

    public static void Run(BenchSessions sessions)
    {
        var model = sessions.Open("mlp", Mlp.ToBytes());
        Console.WriteLine();
        Console.WriteLine("| Batch (MLP 64-256-256-10, FP32) | ms per run | rows per second | vs batch 1 |");
        Console.WriteLine("|---|---|---|---|");
        double? single = null;
        foreach (var batch in new[] { 1, 8, 64, 256 })
        {
            NamedTensor[] inputs =
                [NamedTensor.FromFloats("features", [batch, Mlp.Features], MlpModel.Rows(batch, Mlp.Features, 1))];
            string[] outputs = ["logits"];
            var seconds = Measure.SecondsPerCall(() => model.Run(inputs, outputs), Math.Max(20, 20_000 / batch));
            var rowsPerSecond = batch / seconds;
            single ??= rowsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {batch} | {seconds * 1e3:F3} | {rowsPerSecond:N0} | {rowsPerSecond / single.Value:F1}× |"));
        }
    }
}
