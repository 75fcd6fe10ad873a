namespace Frugal.Kubernetes.Tests;

/// <summary>
/// Finds the shared reference data: a <c>shared/testdata</c> folder beside the checkout (or inside a folder above
/// it), found by walking up from the test assembly.
/// </summary>
internal static class TestData
{
    private static readonly string Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no shared/testdata above {AppContext.BaseDirectory}");
    }
}
