using Onnx;

namespace Frugal.GpuWorker.Quantization;

/// <summary>
/// Edits to one model's graph: initializers swapped for smaller ones plus the node that restores each original
/// tensor name, and a record of which operators were rewritten and which were left in FP32.
/// </summary>
internal sealed class GraphRewrite(ModelProto model)
{
    private readonly Dictionary<string, TensorProto> initializers =
        model.Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
    private readonly List<NodeProto> restorers = [];
    private readonly HashSet<string> rewritten = new(StringComparer.Ordinal);
    private readonly SortedSet<string> quantized = new(StringComparer.Ordinal);
    private readonly SortedSet<string> leftInFloat = new(StringComparer.Ordinal);
    private readonly List<string> notes = [];

    public ModelProto Model => model;

    public IReadOnlyCollection<string> QuantizedOperators => quantized;

    public IReadOnlyCollection<string> OperatorsLeftInFloat => leftInFloat;

    public int TensorsRewritten => rewritten.Count;

    public IReadOnlyList<string> Notes => notes;

    public TensorProto? FindInitializer(string name) => initializers.GetValueOrDefault(name);

    public bool IsRewritten(string name) => rewritten.Contains(name);

    public void MarkQuantized(string opType) => quantized.Add(opType);

    public void LeaveInFloat(string opType) => leftInFloat.Add(opType);

    public void Note(string note) => notes.Add(note);

    /// <summary>Replaces initializer <paramref name="name"/> by smaller ones and the node that rebuilds it.</summary>
    public void Replace(string name, IEnumerable<TensorProto> replacements, NodeProto restorer)
    {
        var original = initializers[name];
        model.Graph.Initializer.Remove(original);
        model.Graph.Initializer.Add(replacements);

        // Older models also list initializers as graph inputs; a computed tensor must not be one.
        var asInput = model.Graph.Input.FirstOrDefault(i => i.Name == name);
        if (asInput is not null)
        {
            model.Graph.Input.Remove(asInput);
        }

        restorers.Add(restorer);
        rewritten.Add(name);
    }

    /// <summary>Puts the restoring nodes first, where every consumer (in topological order) comes after them.</summary>
    public GraphRewrite Commit()
    {
        for (var i = restorers.Count - 1; i >= 0; i--)
        {
            model.Graph.Node.Insert(0, restorers[i]);
        }

        restorers.Clear();
        return this;
    }
}
