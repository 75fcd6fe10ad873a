using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Inference;

/// <summary>A request as the worker runs it: inputs in the model's order and the outputs wanted.</summary>
internal sealed record InferenceRequest(string? Id, IReadOnlyList<NamedTensor> Inputs, IReadOnlyList<string> Outputs)
{
    /// <summary>Rows this request predicts: the first input's leading dimension, or 1 for scalars.</summary>
    public long Rows => Inputs.Count == 0 ? 1 : Inputs[0].Rows;
}

/// <summary>The outputs a model produced for one request, and whether they came from the result cache.</summary>
internal sealed record InferenceResult(
    string Model, string Version, IReadOnlyList<NamedTensor> Outputs, bool FromCache);
