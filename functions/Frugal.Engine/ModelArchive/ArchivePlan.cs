using Frugal.Engine.Money;

namespace Frugal.Engine.ModelArchive;

public enum ArchiveOperation
{
    /// <summary>Change every object of the version to a colder class.</summary>
    Move,

    /// <summary>Delete every object of the version (only where the policy allows, after its retention).</summary>
    Delete,

    /// <summary>Bring every object back to the hot class.</summary>
    Restore,
}

/// <summary>What the planner decided for one version, and why.</summary>
public sealed record ArchiveDecision(
    ModelVersionKey Key,
    ArchiveOperation Operation,
    StorageTier From,
    StorageTier To,
    long SizeBytes,
    Money.Money MonthlySaving,
    string Reason);

/// <summary>A version left where it is, and why.</summary>
public sealed record KeptVersion(ModelVersionKey Key, StorageTier Tier, long SizeBytes, string Reason);

/// <summary>The archive plan: versions to move or delete, versions kept, and the estimated monthly saving.</summary>
public sealed record ArchivePlan(
    IReadOnlyList<ArchiveDecision> Decisions,
    IReadOnlyList<KeptVersion> Kept,
    DateTimeOffset At)
{
    /// <summary>The estimated saving per month, one amount per currency (registries may price differently).</summary>
    public IReadOnlyList<Money.Money> MonthlySaving { get; } = [.. Decisions
        .GroupBy(d => d.MonthlySaving.Currency)
        .Select(g => g.Aggregate(Money.Money.Zero(g.Key), (sum, d) => sum + d.MonthlySaving))];

    public static ArchivePlan Empty(DateTimeOffset at) => new([], [], at);
}
