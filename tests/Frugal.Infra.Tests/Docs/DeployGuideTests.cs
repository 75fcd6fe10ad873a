using System.Text.RegularExpressions;

namespace Frugal.Infra.Tests.Docs;

public sealed partial class DeployGuideTests
{
    private static readonly string Guide = File.ReadAllText(RepositoryPaths.Path("docs", "deploy.md"));

    [Fact]
    public void DeployGuide_NamesOnlyRepositoryFilesThatExist()
    {
        var paths = RepositoryPath().Matches(Guide).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(
            File.Exists(RepositoryPaths.Path(p)) || Directory.Exists(RepositoryPaths.Path(p)), $"{p} does not exist"));
    }

    [Fact]
    public void DeployGuide_SetsEverySecretTheFunctionAppReadsFromKeyVault()
    {
        var main = File.ReadAllText(RepositoryPaths.Path("infra", "azure", "main.bicep"));
        var block = main[main.IndexOf("param secretNames object = {", StringComparison.Ordinal)..];
        var secrets = SecretName().Matches(block[..block.IndexOf('}', StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(5, secrets.Count);
        Assert.All(secrets, s => Assert.Contains($"--name {s}", Guide, StringComparison.Ordinal));
    }

    // Paths in backticks that start at a top-level folder of the repository.
    [GeneratedRegex(@"`((?:infra|functions|tests|samples|docs|scripts)/[A-Za-z0-9_./-]*[A-Za-z0-9_])`")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"^\s+\w+: '(frugal-[a-z-]+)'$", RegexOptions.Multiline)]
    private static partial Regex SecretName();
}
