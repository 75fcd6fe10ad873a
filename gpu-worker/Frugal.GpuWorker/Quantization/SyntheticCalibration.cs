using Frugal.GpuWorker.Inference;
using Frugal.GpuWorker.Jobs;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// Seeded standard-normal rows for a model given no calibration set. They measure how far the quantized model
/// drifts from its source, not how it does on real traffic; a job should pass real rows when it has them.
/// </summary>
internal static class SyntheticCalibration
{
    public const int Rows = 512;

    public static NamedTensor[] For(IReadOnlyList<TensorSpec> inputs)
    {
        var random = new Random(20_240_601);
        return inputs.Select(input => Tensor(input, random)).ToArray();
    }

    private static NamedTensor Tensor(TensorSpec input, Random random)
    {
        if (input.Datatype is not (TensorDatatype.Fp32 or TensorDatatype.Fp64 or TensorDatatype.Fp16)
            || input.Dimensions.Length == 0)
        {
            throw new JobInputException(
                $"input '{input.Name}' ({input.DatatypeName}) needs a calibration set; synthetic rows are floats");
        }

        long[] shape = [.. input.Dimensions.Select((d, i) => d >= 0 ? d : i == 0 ? Rows : 1)];
        var type = input.Datatype.Value;
        var count = NamedTensor.ElementCountOf(shape);
        var bytes = new byte[count * type.ElementSize()];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * random.NextDouble());
            ElementWriter.Write(type, normal, bytes.AsSpan((int)(i * type.ElementSize()), type.ElementSize()));
        }

        return new NamedTensor(input.Name, type, shape, bytes);
    }
}
