using System.Text;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class PolicyFileTests : IDisposable
{
    private const string ValidPolicy = """
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds: [{ at: 1, actions: [holdTraining] }]
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("frugal-policy-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_MissingFile_OneLineNamingTheFile()
    {
        var path = Path.Combine(folder, "nope.yaml");

        var result = PolicyLoader.Load(path);

        Assert.Null(result.Policy);
        Assert.Equal(
            $"{path}: policy file not found (looked for {path})", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_Folder_OneLineNamingIt()
    {
        var result = PolicyLoader.Load(folder);

        Assert.Equal(
            $"{folder}: is a folder; give the policy file itself", Assert.Single(result.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("---\n")]
    public void Load_EmptyFile_OneLineSayingSo(string text)
    {
        var path = Write("empty.yaml", text);

        var result = PolicyLoader.Load(path);

        Assert.Null(result.Policy);
        Assert.Equal($"{path}:1:1: the policy is empty; it needs at least a 'budgets' section",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Load_GzipFile_RefusedAsNotText()
    {
        var path = Path.Combine(folder, "export.csv.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0x00, 0x00]);

        var diagnostic = Assert.Single(PolicyLoader.Load(path).Diagnostics);

        Assert.Equal((1, 2), (diagnostic.Line, diagnostic.Column));
        Assert.StartsWith("not a YAML text file: byte 2 is not UTF-8", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NulCharacter_RefusedAsBinary()
    {
        var path = Write("nul.yaml", "budgets:\n  - name: a\0b\n");

        var diagnostic = Assert.Single(PolicyLoader.Load(path).Diagnostics);

        Assert.Equal((2, 12), (diagnostic.Line, diagnostic.Column));
        Assert.Equal("not a YAML text file: control character U+0000 (a binary file?)", diagnostic.Message);
    }

    [Fact]
    public void Load_TabIndentation_OneLineAtTheTab()
    {
        var path = Write("tabs.yaml", "budgets:\n  - name: ml\n  \tamount: 100\n");

        var diagnostic = Assert.Single(PolicyLoader.Load(path).Diagnostics);

        Assert.Equal($"{path}:3:3: tab in indentation: YAML indents with spaces only", diagnostic.ToString());
    }

    [Fact]
    public void Load_TabBeforeAComment_Accepted()
    {
        var path = Write("tab-comment.yaml", ValidPolicy + "\t# a tab before a comment changes nothing\n");

        Assert.True(PolicyLoader.Load(path).IsValid);
    }

    [Theory]
    [InlineData("budgets:\n  - name: ml\n    amount: \"100\n", 3, 13)]
    [InlineData("budgets: [ml, sandbox\nsafety: {}\n", 1, 11)]
    [InlineData("budgets:\n  - name: ml\n    amount: 100: 200\n", 3, 16)]
    [InlineData("budgets:\n  - name: ml\n   amount: 100\n", 3, 4)]
    public void Load_BrokenSyntax_OneLineWithAPosition(string text, int line, int column)
    {
        var path = Write("broken.yaml", text);

        var diagnostic = Assert.Single(PolicyLoader.Load(path).Diagnostics);

        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.StartsWith($"{path}:{line}:{column}: not valid YAML", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ByteOrderMark_Ignored()
    {
        var path = Path.Combine(folder, "bom.yaml");
        File.WriteAllText(path, ValidPolicy, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.True(PolicyLoader.Load(path).IsValid);
    }

    [Fact]
    public void Load_OverOneMebibyte_Refused()
    {
        var path = Write("huge.yaml", ValidPolicy + new string('#', PolicyLoader.MaxFileBytes));

        var diagnostic = Assert.Single(PolicyLoader.Load(path).Diagnostics);

        Assert.Equal(0, diagnostic.Line);
        Assert.StartsWith("is 1048", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativePaths_ResolvedAgainstThePolicyFolder()
    {
        var absolute = Path.Combine(folder, "elsewhere", "export.csv");
        var path = Write(Path.Combine("team", "frugal.yaml"), $"""
            sources:
              focus: [focus/ml-team-2026-11.csv.gz, {absolute}]
            state:
              path: .frugal/state.db
            {ValidPolicy}
            """);

        var policy = PolicyLoader.Load(path).EnsureValid();

        Assert.Equal(
            [Path.Combine(folder, "team", "focus", "ml-team-2026-11.csv.gz"), absolute], policy.Sources.Focus);
        Assert.Equal(Path.Combine(folder, "team", ".frugal", "state.db"), policy.State.Path);
        Assert.Equal(path, policy.SourcePath);
    }

    [Fact]
    public void LoadValid_InvalidPolicy_ThrowsWithOneDiagnosticPerLine()
    {
        var path = Write("bad.yaml", ValidPolicy.Replace("amount: 100", "amount: -1", StringComparison.Ordinal)
            .Replace("currency: USD", "currency: QQQ", StringComparison.Ordinal));

        var error = Assert.Throws<FrugalInputException>(() => PolicyLoader.LoadValid(path));

        Assert.Equal(
            [
                $"{path}:3:13: 'amount' must be greater than 0, got -1",
                $"{path}:4:15: unknown currency 'QQQ'; use an ISO 4217 code such as USD, EUR or GBP",
            ],
            error.Message.Split(Environment.NewLine));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
