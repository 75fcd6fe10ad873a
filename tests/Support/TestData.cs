namespace Frugal.Testing;

/// <summary>
/// Finds the shared reference data (<c>shared/testdata</c>), which lies beside the checkout: walks up from the
/// test assembly's folder until a folder holds <c>shared/testdata</c>.
/// </summary>
internal static class TestData
{
    private static readonly string Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(Path(parts));

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
