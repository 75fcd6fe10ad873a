namespace Frugal.Engine.Policies;

/// <summary>Where Azure Cost Management writes FOCUS exports: a storage container and a name prefix.</summary>
public sealed record AzureBlobExportSource
{
    /// <summary>The connection string, as a reference (<c>env:NAME</c>), never the value.</summary>
    public required string Connection { get; init; }

    public required string Container { get; init; }

    /// <summary>Only blobs whose names start with this are read (the export's folder); empty reads them all.</summary>
    public string Prefix { get; init; } = string.Empty;
}
