namespace Frugal.Notifications.Tests.Support;

/// <summary>Finds the shared reference data: <c>shared/testdata</c>, a sibling of the repository root.</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

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

        throw new InvalidOperationException($"No shared/testdata beside any folder above {AppContext.BaseDirectory}");
    }
}
