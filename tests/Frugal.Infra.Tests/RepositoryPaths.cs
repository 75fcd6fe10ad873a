using System.Reflection;

namespace Frugal.Infra.Tests;

/// <summary>Finds the repository, the reference data beside it, and the Bicep CLI the build restored.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootFolder = new(() => FindAbove(dir => File.Exists(
        System.IO.Path.Combine(dir, "Serverless.sln")), "Serverless.sln"));

    private static readonly Lazy<string> TestDataFolder = new(() => System.IO.Path.Combine(
        FindAbove(dir => Directory.Exists(System.IO.Path.Combine(dir, "shared", "testdata")), "shared/testdata"),
        "shared", "testdata"));

    public static string Root => RootFolder.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string TestData(params string[] parts) => System.IO.Path.Combine([TestDataFolder.Value, .. parts]);

    /// <summary>The bicep executable inside the restored Azure.Bicep.CommandLine package (see the csproj).</summary>
    public static string Bicep =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("BicepPath was not set at build time");

    private static string FindAbove(Func<string, bool> holds, string what)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (holds(dir.FullName))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"{what} not found above {AppContext.BaseDirectory}");
    }
}
