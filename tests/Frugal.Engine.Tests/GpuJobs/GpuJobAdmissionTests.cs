using Frugal.Engine.GpuJobs;

namespace Frugal.Engine.Tests.GpuJobs;

public sealed class GpuJobAdmissionTests
{
    [Fact]
    public void Decide_NormalJobBudgetAtItsHoldRung_IsHeldWithTheRung()
    {
        var decision = GpuJobAdmission.Decide(GpuBudgets.Request(), GpuBudgets.Statuses(dailyCost: 100m));

        Assert.False(decision.Send);
        Assert.StartsWith("budget ml-platform: 80", decision.Reason, StringComparison.Ordinal);
        Assert.EndsWith("actual hold rung reached (USD 1,000.00 of USD 1,000.00), training on hold", decision.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HighPriorityJobBudgetAtItsHoldRung_Goes()
    {
        var request = GpuBudgets.Request(priority: GpuJobPriority.High);

        var decision = GpuJobAdmission.Decide(request, GpuBudgets.Statuses(dailyCost: 100m));

        Assert.True(decision.Send);
        Assert.Equal("high priority: never held", decision.Reason);
    }

    [Fact]
    public void Decide_NormalJobBudgetBelowItsRung_GoesAndSaysSo()
    {
        var decision = GpuJobAdmission.Decide(GpuBudgets.Request(), GpuBudgets.Statuses(dailyCost: 10m));

        Assert.True(decision.Send);
        Assert.StartsWith("budget ml-platform: below 80", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_BudgetNoLongerInThePolicy_NothingHoldsTheJob()
    {
        var request = GpuBudgets.Request(budget: "retired");

        var decision = GpuJobAdmission.Decide(request, GpuBudgets.Statuses(dailyCost: 100m));

        Assert.True(decision.Send);
    }
}
