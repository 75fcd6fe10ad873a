namespace Frugal.Infra.Tests.Gcp;

public sealed class SetupScriptTests
{
    private static readonly string Script = RepositoryPaths.Path("infra", "gcp", "setup.sh");

    [Fact]
    public async Task SetupScript_ParsesAsBash()
    {
        var result = await ToolRun.RunAsync("bash", ["-n", Script]);

        Assert.True(result.ExitCode == 0, result.Errors);
    }

    [Fact]
    public async Task SetupScript_PassesShellcheck()
    {
        var shellcheck = ToolRun.Find("shellcheck");
        Assert.SkipWhen(shellcheck is null, "shellcheck is not installed (Debian: apt-get install shellcheck)");

        var result = await ToolRun.RunAsync(shellcheck!, ["--severity=style", Script]);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
    }

    [Fact]
    public void SetupScript_PushSubscriptionAuthenticatesToTheWebhook()
    {
        var text = File.ReadAllText(Script);

        Assert.Contains("--push-auth-service-account \"$push_sa\"", text, StringComparison.Ordinal);
        Assert.Contains("--push-auth-token-audience \"$PUSH_AUDIENCE\"", text, StringComparison.Ordinal);
        Assert.Contains("--push-endpoint \"$WEBHOOK_URL\"", text, StringComparison.Ordinal);
        Assert.Contains("--notifications-rule-pubsub-topic", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ExplainsEveryComputePermissionTheScriptGrants()
    {
        var permissions = ComputePermissions(File.ReadAllText(Script));
        var readme = File.ReadAllText(RepositoryPaths.Path("infra", "gcp", "README.md"));

        Assert.NotEmpty(permissions);
        Assert.All(permissions, p => Assert.Contains($"| `{p}` |", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void SetupScript_GrantsNoBroadRole()
    {
        var text = File.ReadAllText(Script);

        Assert.DoesNotContain("roles/owner", text, StringComparison.Ordinal);
        Assert.DoesNotContain("roles/editor", text, StringComparison.Ordinal);
        Assert.DoesNotContain("roles/compute.admin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("roles/bigquery.admin", text, StringComparison.Ordinal);
        Assert.DoesNotContain("roles/billing.admin", text, StringComparison.Ordinal);
    }

    /// <summary>The lines of the <c>compute_permissions</c> here-document.</summary>
    private static string[] ComputePermissions(string script)
    {
        var start = script.IndexOf("compute_permissions=", StringComparison.Ordinal);
        var body = script[script.IndexOf('\n', start)..];
        return [.. body[..body.IndexOf("\nLIST", StringComparison.Ordinal)]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
