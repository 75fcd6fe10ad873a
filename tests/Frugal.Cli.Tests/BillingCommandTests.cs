using Frugal.Testing.GoogleStandIn;

namespace Frugal.Cli.Tests;

/// <summary><c>frugal billing</c> against the Cloud Billing stand-in, with a real service-account key file.</summary>
public sealed class BillingCommandTests : IAsyncLifetime
{
    private const string Account = "billingAccounts/01D4EE-079462-DFD6EC";
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-billing-").FullName;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private GoogleApiStandIn _standIn = null!;
    private FakeCloudBilling _billing = null!;

    public async ValueTask InitializeAsync()
    {
        _standIn = await GoogleApiStandIn.StartWithAllAsync();
        _billing = new FakeCloudBilling(_standIn).With("ml-sandbox", Account);
        await File.WriteAllTextAsync(KeyFile, _standIn.ServiceAccountKeyJson());
    }

    private string KeyFile => Path.Combine(_folder, "key.json");

    [Fact]
    public async Task DetachThenAttach_RestoresTheRecordedAccount()
    {
        var detached = await InvokeAsync("detach", "--confirm", "ml-sandbox");
        var status = await InvokeAsync("status");
        var attached = await InvokeAsync("attach");

        Assert.Equal((0, 0, 0), (detached, status, attached));
        var lines = _stdout.ToString()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"billing detached from ml-sandbox (was {Account})", lines[0], StringComparison.Ordinal);
        Assert.Equal("ml-sandbox: billing detached", lines[1]);
        Assert.Equal($"billing of ml-sandbox attached to {Account}", lines[2]);
        Assert.Equal(Account, _billing.AccountOf("ml-sandbox"));
    }

    [Fact]
    public async Task Detach_ConfirmationDiffers_ChangesNothing()
    {
        var exitCode = await InvokeAsync("detach", "--confirm", "ml-sandbx");

        Assert.Equal(2, exitCode);
        Assert.Contains("--confirm must repeat the project id exactly", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(Account, _billing.AccountOf("ml-sandbox"));
    }

    [Fact]
    public async Task Attach_NothingRecorded_ExitsTwo()
    {
        var exitCode = await InvokeAsync("attach");

        Assert.Equal(2, exitCode);
        Assert.Contains(
            "no billing account is recorded for project ml-sandbox", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_PermissionDenied_ExitsOneWithGooglesWords()
    {
        _standIn.Fail("cloudbilling.projects.getBillingInfo", StandInFault.PermissionDenied);

        var exitCode = await InvokeAsync("status");

        Assert.Equal(1, exitCode);
        Assert.Contains("Cloud Billing answered 403 PERMISSION_DENIED", _stderr.ToString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _standIn.DisposeAsync();
        _stdout.Dispose();
        _stderr.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<int> InvokeAsync(string verb, params string[] more) =>
        FrugalCommandLine.InvokeAsync(
            ["billing", verb, "--project", "ml-sandbox", "--state", Path.Combine(_folder, "state.db"),
             "--credentials", KeyFile, "--cloud-billing-endpoint", _standIn.BaseUri.ToString(), .. more],
            _stdout, _stderr);
}
