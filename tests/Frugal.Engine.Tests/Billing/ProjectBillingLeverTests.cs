using Frugal.Engine.Billing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Engine.Tests.Billing;

public sealed class ProjectBillingLeverTests
{
    private const string Account = "billingAccounts/01D4EE-079462-DFD6EC";
    private readonly FakeBillingProvider _cloud = new FakeBillingProvider().With("ml-sandbox", Account);
    private readonly InMemoryBillingStore _store = new();

    [Fact]
    public async Task DetachAsync_BilledProject_RecordsTheAccountBeforeDetaching()
    {
        var recordedFirst = false;
        _cloud.BeforeChange = () => recordedFirst = _store.Detachments.ContainsKey("ml-sandbox");

        var result = await Lever().DetachAsync("ml-sandbox", "sandbox over budget", CancellationToken.None);

        Assert.True(recordedFirst);
        Assert.True(result.Changed);
        Assert.True(result.State.IsDetached);
        Assert.Equal([("ml-sandbox", "")], _cloud.Changes);
        Assert.Equal(Account, _store.Detachments["ml-sandbox"].BillingAccountName);
    }

    [Fact]
    public async Task DetachAsync_AlreadyDetached_ChangesNothing()
    {
        var lever = Lever();
        await lever.DetachAsync("ml-sandbox", "first", CancellationToken.None);

        var again = await lever.DetachAsync("ml-sandbox", "second", CancellationToken.None);

        Assert.False(again.Changed);
        Assert.Single(_cloud.Changes);
        Assert.Equal("first", _store.Detachments["ml-sandbox"].Reason);
    }

    [Fact]
    public async Task AttachAsync_AfterDetach_RestoresTheRecordedAccount()
    {
        var lever = Lever();
        await lever.DetachAsync("ml-sandbox", "over budget", CancellationToken.None);

        var result = await lever.AttachAsync("ml-sandbox", null, CancellationToken.None);

        Assert.Equal(Account, result.State.BillingAccountName);
        Assert.False(result.State.IsDetached);
        Assert.Empty(_store.Detachments);
    }

    [Fact]
    public async Task AttachAsync_NothingRecordedNorGiven_IsRefused()
    {
        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            Lever().AttachAsync("ml-other", null, CancellationToken.None));

        Assert.StartsWith(
            "no billing account is recorded for project ml-other", error.Message, StringComparison.Ordinal);
        Assert.Empty(_cloud.Changes);
    }

    [Fact]
    public async Task AttachAsync_AccountGivenWithoutPrefix_IsNormalised()
    {
        var result = await Lever().AttachAsync("ml-other", "01D4EE-079462-DFD6EC", CancellationToken.None);

        Assert.Equal(Account, result.State.BillingAccountName);
    }

    private ProjectBillingLever Lever() =>
        new(_cloud, _store, new FakeTimeProvider(), NullLogger<ProjectBillingLever>.Instance);
}
