using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cronos;

namespace Frugal.Infra.Tests.Azure;

/// <summary>
/// Every setting a function's trigger names (<c>%Name%</c>, a queue's <c>Connection</c>) must exist where the app
/// runs: in the deployed app settings and in the local sample; a missing one stops the Functions host at start.
/// </summary>
public sealed partial class FunctionSettingsTests(BicepBuild build) : IClassFixture<BicepBuild>
{
    [Fact]
    public void TriggerSettings_AreFound_ByTheFunctionsSource()
    {
        var (expressions, connections) = TriggerSettings();

        Assert.Contains("FrugalPollBillingSchedule", expressions);
        Assert.Contains("FrugalGpuJobsStorage", connections);
    }

    [Fact]
    public void DeployedApp_DefinesEveryTriggerSetting_WithValidSchedules()
    {
        var settings = build.Template.Single("Microsoft.Web/sites")["properties.siteConfig.appSettings"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var (expressions, connections) = TriggerSettings();

        Assert.All(expressions, name => Assert.Contains(name, settings));
        // An identity-based connection is a group of settings sharing the connection's name as a prefix.
        Assert.All(connections, name =>
            Assert.Contains(settings, s => s.StartsWith(name + "__", StringComparison.Ordinal)));
        var defaults = build.Template.Single("Microsoft.Web/sites").Template["variables"]!["timerSchedules"]!;
        var schedules = CronLiteral().Matches(defaults.GetValue<string>()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, schedules.Count);
        Assert.All(schedules, cron => CronExpression.Parse(cron, CronFormat.IncludeSeconds));
    }

    [Fact]
    public void LocalSample_DefinesEveryTriggerSetting()
    {
        var values = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Path("local.settings.sample.json")))!["Values"]!
            .AsObject();
        var (expressions, connections) = TriggerSettings();

        Assert.All(expressions.Concat(connections), name => Assert.True(values.ContainsKey(name), name));
        Assert.All(
            values.Where(v => v.Key.EndsWith("Schedule", StringComparison.Ordinal)),
            v => CronExpression.Parse(v.Value!.GetValue<string>(), CronFormat.IncludeSeconds));
    }

    private static (HashSet<string> Expressions, HashSet<string> Connections) TriggerSettings()
    {
        var folder = RepositoryPaths.Path("functions", "Frugal.Functions");
        var source = string.Concat(Directory
            .EnumerateFiles(folder, "*.cs", SearchOption.TopDirectoryOnly)
            .Select(File.ReadAllText));
        return (
            [.. Expression().Matches(source).Select(m => m.Groups[1].Value)],
            [.. Connection().Matches(source).Select(m => m.Groups[1].Value)]);
    }

    [GeneratedRegex("\"%([A-Za-z0-9_]+)%\"")]
    private static partial Regex Expression();

    [GeneratedRegex("Connection = \"([A-Za-z0-9_]+)\"")]
    private static partial Regex Connection();

    [GeneratedRegex("'((?:[0-9*/,-]+ ){5}[0-9*/,-]+)'")]
    private static partial Regex CronLiteral();
}
