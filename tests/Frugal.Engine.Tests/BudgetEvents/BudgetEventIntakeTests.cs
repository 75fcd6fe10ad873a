using Frugal.Engine.BudgetEvents;
using Frugal.Engine.Policies;
using Frugal.Engine.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static Frugal.Engine.Tests.Support.TestPolicies;

namespace Frugal.Engine.Tests.BudgetEvents;

public sealed class BudgetEventIntakeTests
{
    private static readonly DateTimeOffset February = new(2021, 2, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly InMemoryBudgetEventStore _store = new();
    private readonly RecordingTrigger _trigger = new();

    [Fact]
    public async Task AcceptAsync_LinkedBudget_RecordsAndRequestsAnEvaluation()
    {
        var outcome = await Intake().AcceptAsync(LinkedPolicy(), TestBudgetEvents.Gcp(140m, February),
            CancellationToken.None);

        Assert.Equal(BudgetEventDisposition.Accepted, outcome.Disposition);
        Assert.Equal(["ml-platform"], outcome.Budgets);
        Assert.Single(_store.Events);
        Assert.Single(_trigger.Requests);
    }

    [Fact]
    public async Task AcceptAsync_SameDeliveryTwice_ActsOnce()
    {
        var intake = Intake();
        var alert = TestBudgetEvents.Gcp(140m, February);

        await intake.AcceptAsync(LinkedPolicy(), alert, CancellationToken.None);
        var again = await intake.AcceptAsync(LinkedPolicy(), alert, CancellationToken.None);

        Assert.Equal(BudgetEventDisposition.Repeat, again.Disposition);
        Assert.Single(_trigger.Requests);
    }

    [Fact]
    public async Task AcceptAsync_SameFiguresUnderAnotherMessageId_ActsOnce()
    {
        var intake = Intake();

        await intake.AcceptAsync(
            LinkedPolicy(), TestBudgetEvents.Gcp(140m, February, eventId: "1"), CancellationToken.None);
        var again = await intake.AcceptAsync(LinkedPolicy(), TestBudgetEvents.Gcp(140m, February, eventId: "2"),
            CancellationToken.None);

        Assert.Equal(BudgetEventDisposition.Repeat, again.Disposition);
        Assert.Single(_store.Events);
    }

    [Fact]
    public async Task AcceptAsync_NewFigures_AreTakenIn()
    {
        var intake = Intake();

        await intake.AcceptAsync(
            LinkedPolicy(), TestBudgetEvents.Gcp(140m, February, eventId: "1"), CancellationToken.None);
        var next = await intake.AcceptAsync(LinkedPolicy(), TestBudgetEvents.Gcp(145m, February, eventId: "2"),
            CancellationToken.None);

        Assert.Equal(BudgetEventDisposition.Accepted, next.Disposition);
        Assert.Equal(2, _trigger.Requests.Count);
    }

    [Fact]
    public async Task AcceptAsync_UnlinkedCloudBudget_IsRecordedWithoutEvaluation()
    {
        var outcome = await Intake().AcceptAsync(Policy(budgets: Budget("ml-platform")),
            TestBudgetEvents.Gcp(140m, February), CancellationToken.None);

        Assert.Equal(BudgetEventDisposition.Unmatched, outcome.Disposition);
        Assert.Single(_store.Events);
        Assert.Empty(_trigger.Requests);
    }

    private BudgetEventIntake Intake() => new(_store, _trigger, NullLogger<BudgetEventIntake>.Instance);

    private static FrugalPolicy LinkedPolicy() => Policy(budgets: Budget("ml-platform") with
    {
        External = new CloudBudgetLinks { GcpBudgetIds = ["de72f49d-779b-4945-a127-4d6ce8def0bb"] },
    });
}
