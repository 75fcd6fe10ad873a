using Frugal.Engine;
using Frugal.Engine.Policies;

namespace Frugal.Hosting;

/// <summary>Turns the FOCUS paths of a request or policy into files to read; folders expand in name order.</summary>
internal static class FocusFiles
{
    private static readonly string[] Patterns = ["*.csv", "*.csv.gz", "*.parquet"];

    public static IReadOnlyList<string> Resolve(BudgetJobRequest request, FrugalPolicy policy)
    {
        var policyFolder = Path.GetDirectoryName(Path.GetFullPath(request.PolicyPath)) ?? ".";
        var paths = request.FocusPaths is { Count: > 0 }
            ? request.FocusPaths.Select(Path.GetFullPath)
            : policy.Sources.Focus.Select(p => Path.GetFullPath(p, policyFolder));

        var files = Expand(paths);
        return files.Count > 0
            ? files
            : throw new FrugalInputException(
                $"{request.PolicyPath}: no cost data: give --focus FILE or list files under sources.focus");
    }

    /// <summary>Files as given, folders replaced by the FOCUS files under them in name order.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Patterns
                    .SelectMany(p => Directory.EnumerateFiles(path, p, SearchOption.AllDirectories))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }
}
