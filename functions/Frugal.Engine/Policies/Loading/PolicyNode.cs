namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// A node of the policy's YAML tree with the 1-based position where it starts. The loader keeps its own small tree
/// rather than YamlDotNet's representation model so that a duplicate key is one more error, not the end of reading.
/// </summary>
internal abstract record PolicyNode(int Line, int Column)
{
    /// <summary>What the node is, for messages such as "expected a number, got a list".</summary>
    public abstract string Description { get; }
}

internal sealed record PolicyScalar(int Line, int Column, string Value, bool IsPlain) : PolicyNode(Line, Column)
{
    /// <summary>YAML's null: an empty plain value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Description =>
        IsNull ? "nothing" : Value.Length <= 40 ? $"'{Value}'" : $"'{Value[..37]}...'";
}

internal sealed record PolicySequence(int Line, int Column, IReadOnlyList<PolicyNode> Items) : PolicyNode(Line, Column)
{
    public override string Description => "a list";
}

internal sealed record PolicyMapping(int Line, int Column, IReadOnlyList<PolicyEntry> Entries)
    : PolicyNode(Line, Column)
{
    public override string Description => "a mapping";

    /// <summary>The value under a key, or null when the key is absent.</summary>
    public PolicyNode? Find(string key) => Entries.FirstOrDefault(e => e.Name == key)?.Value;
}

/// <summary>A key and its value; keys are always scalars (the tree reader refuses other keys).</summary>
internal sealed record PolicyEntry(PolicyScalar Key, PolicyNode Value)
{
    public string Name => Key.Value;
}
