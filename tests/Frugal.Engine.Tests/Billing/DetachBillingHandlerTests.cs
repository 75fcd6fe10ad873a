using Frugal.Engine.Billing;
using Frugal.Engine.Execution;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Engine.Tests.Billing;

public sealed class DetachBillingHandlerTests
{
    private readonly FakeBillingProvider _cloud = new FakeBillingProvider().With("ml-sandbox", "billingAccounts/A");
    private readonly InMemoryBillingStore _store = new();

    [Fact]
    public async Task ExecuteAsync_EnabledAndConfirmed_DetachesBilling()
    {
        var result = await Handler().ExecuteAsync(Action(), CancellationToken.None);

        Assert.Equal(ActionStatus.Succeeded, result.Status);
        Assert.Contains("frugal billing attach --project ml-sandbox", result.Detail, StringComparison.Ordinal);
        Assert.Single(_cloud.Changes);
    }

    [Fact]
    public async Task ExecuteAsync_DryRun_NeverDetaches()
    {
        var result = await Handler().ExecuteAsync(Action() with { DryRun = true }, CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, result.Status);
        Assert.Empty(_cloud.Changes);
    }

    [Fact]
    public async Task ExecuteAsync_ConfirmationDiffers_IsRefused()
    {
        var action = Action();
        action = action with { Rule = action.Rule with { Confirm = "ml-sandbx" } };

        var result = await Handler().ExecuteAsync(action, CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, result.Status);
        Assert.StartsWith("refused", result.Detail, StringComparison.Ordinal);
        Assert.Empty(_cloud.Changes);
    }

    private DetachBillingHandler Handler() => new(new ProjectBillingLever(
        _cloud, _store, new FakeTimeProvider(), NullLogger<ProjectBillingLever>.Instance));

    private static PlannedAction Action() => new()
    {
        IdempotencyKey = "sandbox|2026-W47|actual@1.5|DetachBilling|ml-sandbox",
        CrossingKey = "sandbox|2026-W47|actual@1.5|live",
        Kind = ActionKind.DetachBilling,
        Budget = "sandbox",
        Period = "2026-W47",
        ThresholdId = "actual@1.5",
        Target = "ml-sandbox",
        Reason = "detach billing from project ml-sandbox",
        DryRun = false,
        Rule = new ActionRule
        {
            Kind = ActionKind.DetachBilling, Project = "ml-sandbox", Confirm = "ml-sandbox", Enabled = true,
        },
    };
}
