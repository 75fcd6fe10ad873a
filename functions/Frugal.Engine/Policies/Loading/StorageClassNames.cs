using Frugal.Engine.ModelArchive;

namespace Frugal.Engine.Policies.Loading;

/// <summary>
/// Class names a policy may use: the neutral ones and the GCS ones, for any registry (nearline is cool, coldline is
/// cold), so a policy reads naturally whichever provider it describes.
/// </summary>
internal static class StorageClassNames
{
    public static readonly IReadOnlyDictionary<string, StorageTier> All = new Dictionary<string, StorageTier>
    {
        ["hot"] = StorageTier.Hot,
        ["standard"] = StorageTier.Hot,
        ["cool"] = StorageTier.Cool,
        ["nearline"] = StorageTier.Cool,
        ["cold"] = StorageTier.Cold,
        ["coldline"] = StorageTier.Cold,
        ["archive"] = StorageTier.Archive,
    };

    public static readonly IReadOnlyDictionary<string, StorageTier> Colder = All
        .Where(pair => pair.Value != StorageTier.Hot)
        .ToDictionary(pair => pair.Key, pair => pair.Value);

    /// <summary>
    /// The providers' published minimum storage durations in days. A local folder has no classes; it takes the
    /// GCS figures so that plans made on the embedded default read like plans for a real bucket.
    /// </summary>
    public static IReadOnlyDictionary<StorageTier, int> MinimumDays(ModelRegistryKind kind) => kind switch
    {
        ModelRegistryKind.AzureBlob => Days(30, 90, 180),
        _ => Days(30, 90, 365),
    };

    private static Dictionary<StorageTier, int> Days(int cool, int cold, int archive) => new()
    {
        [StorageTier.Hot] = 0,
        [StorageTier.Cool] = cool,
        [StorageTier.Cold] = cold,
        [StorageTier.Archive] = archive,
    };
}
