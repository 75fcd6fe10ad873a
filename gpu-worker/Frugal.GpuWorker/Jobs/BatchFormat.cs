namespace Frugal.GpuWorker.Jobs;

/// <summary>The file formats batch jobs read, told apart by the name's extension.</summary>
internal enum BatchFormat
{
    JsonLines,
    Csv,
    Npy,
}

/// <summary>Recognises <see cref="BatchFormat"/> from a file name, path or URL.</summary>
internal static class BatchFormats
{
    public static BatchFormat Of(string location)
    {
        var path = Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.AbsolutePath : location;
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSONL" or ".NDJSON" => BatchFormat.JsonLines,
            ".CSV" => BatchFormat.Csv,
            ".NPY" => BatchFormat.Npy,
            var other => throw new JobInputException(
                $"{location}: extension '{other}' is not one of .jsonl, .ndjson, .csv or .npy"),
        };
    }
}
