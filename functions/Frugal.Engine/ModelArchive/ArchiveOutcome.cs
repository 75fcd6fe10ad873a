namespace Frugal.Engine.ModelArchive;

/// <summary>What became of one version's journaled change in this run.</summary>
public sealed record ArchiveOutcome(
    ModelVersionKey Key,
    ArchiveOperation Operation,
    ArchiveEntryState State,
    string Detail,
    RestoreProgress? Progress = null)
{
    /// <summary>True when the attempt failed and the entry waits for the next run.</summary>
    public bool Failed { get; init; }
}

/// <summary>How far a restore has come: objects and bytes back in the hot class.</summary>
public sealed record RestoreProgress(int HotObjects, int Objects, long HotBytes, long Bytes)
{
    public bool Complete => HotObjects == Objects;

    public static RestoreProgress Of(ModelVersionInfo version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var hot = version.Objects.Where(o => o.Tier == StorageTier.Hot && !o.Rehydrating).ToList();
        return new RestoreProgress(hot.Count, version.Objects.Count, hot.Sum(o => o.SizeBytes), version.SizeBytes);
    }
}
