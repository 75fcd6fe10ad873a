using Frugal.Engine.ModelArchive;
using Frugal.Engine.Money;

namespace Frugal.Engine.Policies;

/// <summary>The <c>modelArchive</c> section: registries and the rules for moving stale versions.</summary>
public sealed record ModelArchivePolicy
{
    public ArchiveRules Rules { get; init; } = new();

    public IReadOnlyList<ModelRegistryPolicy> Registries { get; init; } = [];
}

/// <summary>What keeps a version where it is, and where the rest go.</summary>
public sealed record ArchiveRules
{
    /// <summary>The newest this many versions of each model stay in place.</summary>
    public int KeepNewest { get; init; } = 3;

    /// <summary>A version served within this many days stays in place.</summary>
    public int ServedWithinDays { get; init; } = 30;

    /// <summary>An object metadata key; a version with it set to <c>true</c> on any object is never touched.</summary>
    public string PinLabel { get; init; } = "frugal-pin";

    /// <summary>The class to move to; null chooses by idle time and minimum storage durations.</summary>
    public StorageTier? TargetTier { get; init; }

    /// <summary>Days in a cold class after which a version is deleted; null (the default) never deletes.</summary>
    public int? DeleteAfterDays { get; init; }
}

public enum ModelRegistryKind
{
    Local,
    AzureBlob,
    Gcs,
}

/// <summary>One registry: where it is, how to reach it, and what its classes cost.</summary>
public sealed record ModelRegistryPolicy
{
    public required string Name { get; init; }

    public required ModelRegistryKind Kind { get; init; }

    /// <summary>The folder of a local registry, absolute.</summary>
    public string? Path { get; init; }

    /// <summary>The Azure container.</summary>
    public string? Container { get; init; }

    /// <summary>The GCS bucket.</summary>
    public string? Bucket { get; init; }

    /// <summary>A folder inside the bucket or container under which models lie; empty for the top.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>A reference (<c>env:NAME</c>): the Azure connection string, or a GCS endpoint override.</summary>
    public string? Connection { get; init; }

    /// <summary>Azure only: rehydrate from Archive at High priority (faster, dearer) instead of Standard.</summary>
    public bool HighPriorityRehydration { get; init; }

    public required StoragePrices Prices { get; init; }

    /// <summary>Days an object must stay in a class before leaving it costs nothing extra (early deletion).</summary>
    public required IReadOnlyDictionary<StorageTier, int> MinimumStorageDays { get; init; }
}

/// <summary>Storage prices per GiB-month for each class, in one currency.</summary>
public sealed record StoragePrices(CurrencyCode Currency, IReadOnlyDictionary<StorageTier, decimal> PerGibMonth)
{
    public Money.Money MonthlyCost(long bytes, StorageTier tier) =>
        new(bytes / (decimal)(1L << 30) * PerGibMonth[tier], Currency);
}
