using Frugal.GpuWorker.Protocol;
using Frugal.GpuWorker.Tensors;

namespace Frugal.GpuWorker.Inference;

/// <summary>Checks a request against the model's interface and puts its inputs in the model's order.</summary>
internal static class RequestValidation
{
    public static InferenceRequest Normalize(OnnxModel model, InferenceRequest request)
    {
        var byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var input in request.Inputs)
        {
            if (!byName.TryAdd(input.Name, input))
            {
                throw ProtocolException.BadRequest($"input '{input.Name}' is given twice");
            }
        }

        var ordered = model.Inputs.Select(spec => Check(model, spec, byName)).ToArray();
        var unknown = byName.Keys.FirstOrDefault(name => model.Inputs.All(spec => spec.Name != name));
        if (unknown is not null)
        {
            throw ProtocolException.BadRequest($"model '{model.Name}' has no input '{unknown}'");
        }

        return request with { Inputs = ordered, Outputs = CheckOutputs(model, request.Outputs) };
    }

    /// <summary>True when the request can be stacked: every input has the same, non-zero row count.</summary>
    public static bool IsStackable(InferenceRequest request) =>
        request.Inputs.Count > 0
        && request.Inputs.All(i => i.Shape.Length > 0 && i.Shape[0] == request.Inputs[0].Shape[0])
        && request.Rows > 0;

    private static NamedTensor Check(OnnxModel model, TensorSpec spec, Dictionary<string, NamedTensor> given)
    {
        if (!given.TryGetValue(spec.Name, out var input))
        {
            throw ProtocolException.BadRequest($"model '{model.Name}' needs input '{spec.Name}', which is missing");
        }

        if (spec.Datatype != input.Datatype)
        {
            throw ProtocolException.BadRequest(
                $"input '{spec.Name}' has datatype {input.Datatype.WireName()} " +
                $"but the model expects {spec.DatatypeName}");
        }

        if (!spec.Accepts(input.Shape))
        {
            throw ProtocolException.BadRequest(
                $"input '{spec.Name}' has shape {Format(input.Shape)} but the model expects {Format(spec.Dimensions)}");
        }

        return input;
    }

    private static IReadOnlyList<string> CheckOutputs(OnnxModel model, IReadOnlyList<string> wanted)
    {
        if (wanted.Count == 0)
        {
            return model.Outputs.Select(o => o.Name).ToArray();
        }

        var unknown = wanted.FirstOrDefault(name => model.Outputs.All(o => o.Name != name));
        return unknown is null
            ? wanted.Distinct(StringComparer.Ordinal).ToArray()
            : throw ProtocolException.BadRequest($"model '{model.Name}' has no output '{unknown}'");
    }

    private static string Format(IEnumerable<long> shape) => "[" + string.Join(",", shape) + "]";
}
