using System.Runtime.InteropServices;
using Frugal.GpuWorker.Protocol;
using Frugal.GpuWorker.Tensors;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Frugal.GpuWorker.Inference;

/// <summary>
/// One loaded model version: its ONNX Runtime session, its interface, and the batcher that feeds it. The session
/// is shared by concurrent callers (ONNX Runtime allows concurrent runs) and disposed when the last lease ends.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private int leases = 1;

    public OnnxModel(string name, string version, byte[] modelBytes, SessionOptions sessionOptions)
    {
        Name = name;
        Version = version;
        SizeBytes = modelBytes.LongLength;
        session = new InferenceSession(modelBytes, sessionOptions);
        Inputs = Describe(session.InputMetadata, session.InputNames);
        Outputs = Describe(session.OutputMetadata, session.OutputNames);
        CanBatch = Inputs.Count > 0 && Inputs.All(i => i.HasFreeBatchDimension)
            && Outputs.All(o => o.HasFreeBatchDimension);
    }

    public string Name { get; }

    public string Version { get; }

    public long SizeBytes { get; }

    public IReadOnlyList<TensorSpec> Inputs { get; }

    public IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary>True when every input and output has a free leading dimension, so requests can be stacked.</summary>
    public bool CanBatch { get; }

    /// <summary>The batcher that joins concurrent requests; set by the session cache on load.</summary>
    public DynamicBatcher? Batcher { get; set; }

    /// <summary>Runs the session once. Inputs must already be checked against <see cref="Inputs"/>.</summary>
    public NamedTensor[] Run(IReadOnlyList<NamedTensor> inputs, IReadOnlyList<string> outputs)
    {
        var pins = new GCHandle[inputs.Count];
        var values = new OrtValue[inputs.Count];
        var names = new string[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                pins[i] = GCHandle.Alloc(inputs[i].Bytes, GCHandleType.Pinned);
                values[i] = OrtValue.CreateTensorValueWithData(
                    OrtMemoryInfo.DefaultInstance, inputs[i].Datatype.ToOrt(), inputs[i].Shape,
                    pins[i].AddrOfPinnedObject(), inputs[i].Bytes.LongLength);
                names[i] = inputs[i].Name;
            }

            using var results = session.Run(runOptions, names, values, outputs.ToArray());
            return results.Select((value, index) => Copy(outputs[index], value)).ToArray();
        }
        catch (OnnxRuntimeException exception)
        {
            throw new ProtocolException(
                StatusCodes.Status400BadRequest, $"model '{Name}' version {Version} failed: {exception.Message}");
        }
        finally
        {
            Release(values, pins);
        }
    }

    /// <summary>Runs once on zeros so the first real request does not pay for lazy initialisation.</summary>
    public void Warm()
    {
        var inputs = Inputs.Select(ZeroTensor).ToArray();
        if (inputs.Any(i => i is null))
        {
            return;
        }

        Run(inputs!, Outputs.Select(o => o.Name).ToArray());
    }

    /// <summary>Takes a lease; false once the model has been evicted and released.</summary>
    public bool TryAcquire()
    {
        var current = Volatile.Read(ref leases);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref leases, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Ends a lease; the last one (the cache's own, dropped on eviction) disposes the session.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref leases) == 0)
        {
            Batcher?.Complete();
            runOptions.Dispose();
            session.Dispose();
        }
    }

    public void Dispose() => Release();

    private static NamedTensor? ZeroTensor(TensorSpec spec)
    {
        if (spec.Datatype is not { } type)
        {
            return null;
        }

        var shape = spec.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        var bytes = new byte[NamedTensor.ElementCountOf(shape) * type.ElementSize()];
        return new NamedTensor(spec.Name, type, shape, bytes);
    }

    private NamedTensor Copy(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var type = TensorDatatypes.FromOrt(info.ElementDataType) ?? throw new ProtocolException(
            StatusCodes.Status500InternalServerError,
            $"model '{Name}' output '{name}' has element type {info.ElementDataType}, which the protocol cannot carry");
        return new NamedTensor(name, type, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    private static void Release(OrtValue[] values, GCHandle[] pins)
    {
        foreach (var value in values)
        {
            value?.Dispose();
        }

        foreach (var pin in pins)
        {
            if (pin.IsAllocated)
            {
                pin.Free();
            }
        }
    }

    private static TensorSpec[] Describe(
        IReadOnlyDictionary<string, NodeMetadata> metadata, IReadOnlyList<string> order) =>
        order.Select(name => Describe(name, metadata[name])).ToArray();

    private static TensorSpec Describe(string name, NodeMetadata node)
    {
        if (!node.IsTensor)
        {
            return new TensorSpec(name, null, node.OnnxValueType.ToString(), []);
        }

        var dims = node.Dimensions.Select(d => (long)d).ToArray();
        var type = node.ElementDataType;
        return new TensorSpec(name, TensorDatatypes.FromOrt(type), type.ToString(), dims);
    }
}
