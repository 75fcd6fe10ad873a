namespace Frugal.Cli.Tests;

/// <summary>Paths in the checkout and in the read-only <c>shared/testdata</c> beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindAbove("Serverless.sln", isFolder: false);

    public static string TestData(params string[] parts) =>
        Path.Combine([FindAbove(Path.Combine("shared", "testdata"), isFolder: true), .. parts]);

    private static string FindAbove(string relative, bool isFolder)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (isFolder ? Directory.Exists(candidate) : File.Exists(candidate))
            {
                return isFolder ? candidate : folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no {relative} above {AppContext.BaseDirectory}");
    }
}
