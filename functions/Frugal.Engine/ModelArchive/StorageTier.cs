namespace Frugal.Engine.ModelArchive;

/// <summary>
/// A storage class in provider-neutral terms, warmest first. Each registry names them its own way: GCS STANDARD,
/// NEARLINE, COLDLINE, ARCHIVE; Azure Hot, Cool, Cold, Archive.
/// </summary>
public enum StorageTier
{
    Hot,
    Cool,
    Cold,
    Archive,
}
