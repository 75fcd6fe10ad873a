namespace Frugal.Engine.Tests.Policies;

/// <summary>Finds the checkout's root (the folder holding Serverless.sln) from the test assembly's folder.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string SamplePolicy => System.IO.Path.Combine(Path, "samples", "frugal.yaml");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}");
    }
}
