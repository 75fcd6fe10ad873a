using Frugal.Engine.Autoscaling;

namespace Frugal.Engine.Tests.Autoscaling;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app"] = "llm",
        ["tier"] = "serving",
        ["frugal.io/team"] = "ml",
    };

    [Theory]
    [InlineData("app=llm", true)]
    [InlineData("app==llm,tier=serving", true)]
    [InlineData("app!=llm", false)]
    [InlineData("tier in (serving, batch)", true)]
    [InlineData("tier notin (serving)", false)]
    [InlineData("frugal.io/team", true)]
    [InlineData("!frugal.io/team", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app=llm,tier in (batch)", false)]
    public void Matches_Requirements_AllMustHold(string selector, bool matches)
    {
        var parsed = LabelSelector.Parse(selector, out var problem);

        Assert.True(parsed is not null, problem);
        Assert.Equal(matches, parsed.Matches(Labels));
    }

    [Theory]
    [InlineData("app=", "")]
    [InlineData("app in serving", "'app in serving' is not a label requirement")]
    [InlineData("app=l l m", "is not a label requirement")]
    [InlineData("-bad=x", "'-bad' is not a label key")]
    [InlineData("", "at least one requirement")]
    public void Parse_Malformed_SaysWhichPart(string selector, string problem)
    {
        var parsed = LabelSelector.Parse(selector, out var reason);

        if (problem.Length == 0)
        {
            Assert.NotNull(parsed);
            return;
        }

        Assert.Null(parsed);
        Assert.Contains(problem, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gke-prod/serving/llm-*", "gke-prod/serving/llm-a", true)]
    [InlineData("gke-prod/serving/llm-*", "gke-prod/batch/llm-a", false)]
    [InlineData("*/serv?ng/*", "gke-eu/serving/x", true)]
    [InlineData("app=llm", "anywhere/any/thing", true)]
    public void ParseTarget_PathOrSelector_SelectsAsWritten(string target, string hpa, bool matches)
    {
        var parts = hpa.Split('/');
        var selector = HpaSelector.ParseTarget(target, out var problem);

        Assert.True(selector is not null, problem);
        Assert.Equal(matches, selector.Matches(new HpaReference(parts[0], parts[1], parts[2]), Labels));
    }

    [Fact]
    public void ParseTarget_EmptyPart_Refused()
    {
        Assert.Null(HpaSelector.ParseTarget("gke-prod//llm", out var problem));
        Assert.Contains("has an empty part", problem, StringComparison.Ordinal);
    }
}
