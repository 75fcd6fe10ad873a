using System.Text.Json.Nodes;
using Cronos;

namespace Frugal.Infra.Tests.Azure;

public sealed class MainBicepTests(BicepBuild build) : IClassFixture<BicepBuild>
{
    private static readonly string[] SecretSettings =
        ["FRUGAL_SLACK_URL", "FRUGAL_SMTP_PASSWORD", "FRUGAL_GOOGLE_CREDENTIALS", "Frugal__Webhooks__Azure__Secret"];

    // The value is an ARM expression formatting the vault URI and secret name into a versionless reference.
    private const string KeyVaultReference =
        @"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/\{1\}/\)', [^\]]+\)\]$";

    [Fact]
    public void Build_MainTemplate_CompilesWithoutErrorsOrWarnings()
    {
        Assert.True(build.Result.ExitCode == 0, build.Result.Errors);
        Assert.Equal(string.Empty, build.Result.Errors.Trim());
    }

    [Fact]
    public void Plan_IsFlexConsumption()
    {
        var plan = build.Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan["sku.name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku.tier"]!.GetValue<string>());
        Assert.True(plan["properties.reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void FunctionApp_RunsDotnetIsolatedWithASystemAssignedIdentity()
    {
        var site = build.Template.Single("Microsoft.Web/sites");

        Assert.Equal("SystemAssigned", site["identity.type"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", site["properties.functionAppConfig.runtime.name"]!.GetValue<string>());
        Assert.Equal("10.0", site.ParameterDefault("dotnetVersion")?.GetValue<string>()
            ?? build.Template.Root["parameters"]!["dotnetVersion"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("SystemAssignedIdentity",
            site["properties.functionAppConfig.deployment.storage.authentication.type"]!.GetValue<string>());
        Assert.True(site["properties.httpsOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void FunctionApp_ReachesHostStorageByIdentity_NotByConnectionString()
    {
        var settings = AppSettings();

        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
    }

    [Fact]
    public void FunctionApp_SecretSettings_AreKeyVaultReferences()
    {
        var settings = AppSettings();

        Assert.All(SecretSettings, name => Assert.Matches(KeyVaultReference, settings[name]));
    }

    [Fact]
    public void FunctionApp_HasFrugalSettings_WithAValidDefaultSchedule()
    {
        var settings = AppSettings();
        var schedule = build.Template.Root["parameters"]!["pollBillingSchedule"]!["defaultValue"]!.GetValue<string>();

        Assert.Contains("Frugal__PolicyPath", settings.Keys);
        Assert.Contains("Frugal__StatePath", settings.Keys);
        Assert.Equal("azureTables", settings["Frugal__State__Provider"]);
        Assert.Contains("Frugal__State__TableServiceUri", settings.Keys);
        Assert.Equal("[parameters('stateTablePrefix')]", settings["Frugal__State__TablePrefix"]);
        Assert.Contains("Frugal__Webhooks__Gcp__Audience", settings.Keys);
        Assert.Contains("Frugal__Webhooks__Gcp__ServiceAccountEmail", settings.Keys);
        Assert.Contains("FrugalPollBillingSchedule", settings.Keys);
        Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds));
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
    }

    [Fact]
    public void Template_CarriesNoSecretValue()
    {
        var text = build.Result.Output;
        var secureDefaults = build.Template.Resources.Select(r => r.Template).Append(build.Template.Root)
            .SelectMany(t => (t["parameters"] as JsonObject ?? []).Select(p => p.Value))
            .Where(p => p?["type"]?.GetValue<string>() is "securestring" or "secureObject")
            .Where(p => p!["defaultValue"] is not null);

        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hooks.slack.com", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("private_key", text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(build.Template.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.Empty(secureDefaults);
    }

    [Fact]
    public void Storage_HasTheGpuQueuesAndStateTables()
    {
        var queues = build.Template.Single("Microsoft.Storage/storageAccounts/queueServices/queues");
        var tables = build.Template.Single("Microsoft.Storage/storageAccounts/tableServices/tables");
        var account = build.Template.Single("Microsoft.Storage/storageAccounts");

        Assert.Equal(
            ["gpu-jobs", "gpu-jobs-high", "gpu-jobs-poison", "gpu-results", "gpu-results-poison"],
            Names(queues.ParameterDefault("queueNames")));
        Assert.Equal(["frugalstate"], Names(tables.ParameterDefault("tableNames")));
        Assert.False(account["properties.allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["properties.minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void KeyVault_IsAuthorisedByRbac()
    {
        var vault = build.Template.Single("Microsoft.KeyVault/vaults");

        Assert.True(vault["properties.enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public void Identity_HoldsExactlyTheDataRolesItNeeds()
    {
        var assignments = build.Template.OfType("Microsoft.Authorization/roleAssignments").ToList();
        var roleIds = assignments[0].Template["variables"]!["roles"]!.AsObject()
            .Select(pair => pair.Value!.GetValue<string>()).ToHashSet();

        Assert.Equal(5, assignments.Count);
        Assert.Equal(
            new HashSet<string>
            {
                "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
                "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
                "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            },
            roleIds);
    }

    [Fact]
    public void Monitoring_IsWorkspaceBasedWithLocalAuthOff()
    {
        var insights = build.Template.Single("Microsoft.Insights/components");

        Assert.NotNull(insights["properties.WorkspaceResourceId"]);
        Assert.True(insights["properties.DisableLocalAuth"]!.GetValue<bool>());
        Assert.Single(build.Template.OfType("Microsoft.OperationalInsights/workspaces"));
    }

    private Dictionary<string, string> AppSettings() =>
        build.Template.Single("Microsoft.Web/sites")["properties.siteConfig.appSettings"]!.AsArray()
            .Select(s => s!.AsObject())
            .ToDictionary(s => s["name"]!.GetValue<string>(), s => s["value"]!.ToString());

    private static string[] Names(JsonNode? list) => [.. list!.AsArray().Select(n => n!.GetValue<string>())];
}
