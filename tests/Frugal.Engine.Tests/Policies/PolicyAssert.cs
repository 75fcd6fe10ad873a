using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

/// <summary>Parses policy text as if it came from <c>policy.yaml</c> and checks what the loader said.</summary>
internal static class PolicyAssert
{
    public const string File = "policy.yaml";

    public static readonly string BaseDirectory = Path.Combine(Path.GetTempPath(), "frugal-policy-tests");

    public static PolicyLoadResult Parse(string yaml) => PolicyLoader.Parse(yaml, File, BaseDirectory);

    public static FrugalPolicy Valid(string yaml)
    {
        var result = Parse(yaml);

        Assert.True(result.IsValid, "unexpected errors:\n" + string.Join('\n', result.Diagnostics));
        return result.Policy;
    }

    /// <summary>Asserts the policy is refused for exactly one reason, at the given place.</summary>
    public static PolicyDiagnostic SingleError(string yaml, int line, int column, string messagePart)
    {
        var result = Parse(yaml);

        Assert.Null(result.Policy);
        if (result.Diagnostics.Count != 1)
        {
            Assert.Fail($"expected one error, got {result.Diagnostics.Count}:\n"
                + string.Join('\n', result.Diagnostics));
        }

        var diagnostic = result.Diagnostics[0];
        Assert.Equal(File, diagnostic.File);
        Assert.Equal((line, column), (diagnostic.Line, diagnostic.Column));
        Assert.Contains(messagePart, diagnostic.Message, StringComparison.Ordinal);
        return diagnostic;
    }
}
