namespace Frugal.Engine.ModelArchive;

/// <summary>One stored object of a model version, such as <c>model.onnx</c>, named relative to the version.</summary>
public sealed record ModelObject(string Name, long SizeBytes, StorageTier Tier, bool Rehydrating = false);

/// <summary>A model version as the registry holds it, laid out <c>{model}/{version}/...</c>.</summary>
public sealed record ModelVersionInfo(
    string Model, string Version, DateTimeOffset Created, IReadOnlyList<ModelObject> Objects)
{
    public long SizeBytes { get; } = Objects.Sum(o => o.SizeBytes);

    /// <summary>
    /// The warmest class among the objects: a version some of whose objects are colder (moved by hand, or by a run
    /// whose journal was lost) is treated as still in its warmest class, so a move completes it.
    /// </summary>
    public StorageTier Tier { get; } = Objects.Count == 0 ? StorageTier.Hot : Objects.Min(o => o.Tier);

    public bool Rehydrating => Objects.Any(o => o.Rehydrating);

    /// <summary>Aliases that name this version, such as <c>production</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>True when an object of the version carries the policy's pin label set to <c>true</c>.</summary>
    public bool Pinned { get; init; }

    /// <summary>When the version was last served, as far as the registry's marker tells; null when never.</summary>
    public DateTimeOffset? LastServed { get; init; }

    /// <summary>When the version's class last changed, where the registry records it.</summary>
    public DateTimeOffset? TierChangedAt { get; init; }

    public ModelVersionKey Key(string registry) => new(registry, Model, Version);
}

/// <summary>Names one version in one registry.</summary>
public readonly record struct ModelVersionKey(string Registry, string Model, string Version)
{
    public override string ToString() => $"{Registry}:{Model}/{Version}";
}
