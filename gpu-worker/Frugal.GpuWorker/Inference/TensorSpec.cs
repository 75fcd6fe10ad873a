using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// A model input or output as ONNX Runtime reports it: the datatype (null when the protocol cannot carry it, such
/// as strings) and the dimensions, with -1 for each one the model leaves free.
/// </summary>
internal sealed record TensorSpec(string Name, TensorDatatype? Datatype, string ElementType, long[] Dimensions)
{
    /// <summary>True when the first dimension is free, so requests can be stacked along it.</summary>
    public bool HasFreeBatchDimension => Dimensions.Length > 0 && Dimensions[0] < 0;

    public string DatatypeName => Datatype?.WireName() ?? ElementType;

    public bool Accepts(IReadOnlyList<long> shape)
    {
        if (shape.Count != Dimensions.Length)
        {
            return false;
        }

        for (var i = 0; i < shape.Count; i++)
        {
            if (Dimensions[i] >= 0 && Dimensions[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }
}
