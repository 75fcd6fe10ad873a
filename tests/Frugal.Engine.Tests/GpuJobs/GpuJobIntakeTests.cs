using Frugal.Engine.GpuJobs;
using Frugal.Engine.Money;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Frugal.Engine.Tests.GpuJobs;

public sealed class GpuJobIntakeTests
{
    private readonly MemoryGpuJobStore _store = new();
    private readonly FakeTimeProvider _time = new(GpuBudgets.Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitAsync_BudgetBelowItsRung_RecordsAndSendsOnce()
    {
        var queue = new RecordingGpuJobQueue();

        var submission = await Intake(queue).SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);

        Assert.Equal(GpuJobState.Enqueued, submission.Job.State);
        Assert.False(submission.Duplicate);
        Assert.Equal("job-1", Assert.Single(queue.Sent).Id);
        Assert.Equal(GpuJobState.Enqueued, _store.Jobs["job-1"].State);
    }

    [Fact]
    public async Task SubmitAsync_SameIdTwice_IsOneJobSentOnce()
    {
        var queue = new RecordingGpuJobQueue();
        var intake = Intake(queue);

        await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);
        var again = await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);

        Assert.True(again.Duplicate);
        Assert.False(again.Conflict);
        Assert.Single(queue.Sent);
        Assert.Single(_store.Jobs);
    }

    [Fact]
    public async Task SubmitAsync_SameIdOtherJob_IsAConflictAndChangesNothing()
    {
        var queue = new RecordingGpuJobQueue();
        var intake = Intake(queue);
        await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);

        var other = await intake.SubmitAsync(GpuBudgets.Request() with { Model = "churn" }, GpuBudgets.Statuses(10m),
            Ct);

        Assert.True(other.Conflict);
        Assert.Equal("fraud", other.Job.Request!.Model);
        Assert.Single(queue.Sent);
    }

    [Fact]
    public async Task SubmitAsync_BudgetOnHold_HoldsNormalJobWithTheReasonAndSendsNothing()
    {
        var queue = new RecordingGpuJobQueue();

        var submission = await Intake(queue).SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(100m), Ct);

        Assert.Equal(GpuJobState.Held, submission.Job.State);
        Assert.Contains("hold rung reached", submission.Job.Reason, StringComparison.Ordinal);
        Assert.Empty(queue.Sent);
    }

    [Fact]
    public async Task SubmitAsync_HeldJobWithoutAQueue_IsRecorded()
    {
        var submission = await Intake(new RecordingGpuJobQueue(configured: false))
            .SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(100m), Ct);

        Assert.Equal(GpuJobState.Held, submission.Job.State);
    }

    [Fact]
    public async Task SubmitAsync_JobThatWouldGoWithoutAQueue_IsRefusedAndNotRecorded()
    {
        var intake = Intake(new RecordingGpuJobQueue(configured: false));

        await Assert.ThrowsAsync<FrugalInputException>(() =>
            intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct));

        Assert.Empty(_store.Jobs);
    }

    [Fact]
    public async Task SubmitAsync_SendFails_LeavesTheJobSubmittedAndReleaseSendsIt()
    {
        var queue = new RecordingGpuJobQueue { Failing = true };
        var intake = Intake(queue);
        var submission = await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);
        Assert.Equal(GpuJobState.Submitted, submission.Job.State);
        Assert.Contains("queue unreachable", submission.Job.Reason, StringComparison.Ordinal);
        queue.Failing = false;

        var sent = await intake.ReleaseAsync(GpuBudgets.Statuses(10m), Ct);

        Assert.Equal("job-1", Assert.Single(sent).Id);
        Assert.Single(queue.Sent);
        Assert.Equal(GpuJobState.Enqueued, _store.Jobs["job-1"].State);
    }

    [Fact]
    public async Task SubmitAsync_RepeatWhileTheFirstSendFailed_SendsNothingAndLeavesItToTheRelease()
    {
        var queue = new RecordingGpuJobQueue { Failing = true };
        var intake = Intake(queue);
        await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);
        queue.Failing = false;

        var again = await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(10m), Ct);

        Assert.True(again.Duplicate);
        Assert.Equal(GpuJobState.Submitted, again.Job.State);
        Assert.Empty(queue.Sent);
        Assert.Single(await intake.ReleaseAsync(GpuBudgets.Statuses(10m), Ct));
        Assert.Single(queue.Sent);
    }

    [Fact]
    public async Task ReleaseAsync_HoldStillThere_KeepsTheJobHeld()
    {
        var queue = new RecordingGpuJobQueue();
        var intake = Intake(queue);
        await intake.SubmitAsync(GpuBudgets.Request(), GpuBudgets.Statuses(100m), Ct);

        var sent = await intake.ReleaseAsync(GpuBudgets.Statuses(100m), Ct);

        Assert.Empty(sent);
        Assert.Empty(queue.Sent);
        Assert.Equal(GpuJobState.Held, _store.Jobs["job-1"].State);
    }

    [Fact]
    public async Task ReleaseAsync_HoldCleared_SendsTheHeldJobsAndSaysWhy()
    {
        var queue = new RecordingGpuJobQueue();
        var intake = Intake(queue);
        await intake.SubmitAsync(GpuBudgets.Request("a"), GpuBudgets.Statuses(100m), Ct);
        await intake.SubmitAsync(GpuBudgets.Request("b"), GpuBudgets.Statuses(100m), Ct);

        var sent = await intake.ReleaseAsync(GpuBudgets.Statuses(10m), Ct);

        Assert.Equal(["a", "b"], sent.Select(j => j.Id));
        Assert.Equal(["a", "b"], queue.Sent.Select(m => m.Id));
        Assert.StartsWith("released: budget ml-platform: below 80", _store.Jobs["a"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_SameResultTwice_IsRecordedOnce()
    {
        var intake = Intake(new RecordingGpuJobQueue());
        var result = new GpuJobResult
        {
            Id = "job-1", Kind = "infer", Succeeded = true, Model = "fraud", Version = "3", Predictions = 10,
            Cost = new Engine.Money.Money(0.01m, CurrencyCode.Parse("USD")),
        };

        var first = await intake.RecordAsync(result, Ct);
        var second = await intake.RecordAsync(result with { Duplicate = true }, Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.False(_store.Jobs["job-1"].Result!.Duplicate);
    }

    private GpuJobIntake Intake(RecordingGpuJobQueue queue) =>
        new(_store, queue, _time, NullLogger<GpuJobIntake>.Instance);
}
