using Frugal.Engine.Budgets;

namespace Frugal.Engine.GpuJobs;

/// <summary>
/// Whether a job goes to the queue now or waits: a high-priority job always goes; a normal one is held while its
/// budget sits at its hold rung (<see cref="TrainingHolds"/>, the rung that holds training too) and goes when the
/// hold clears. A job whose budget the policy no longer has is not held by it.
/// </summary>
public static class GpuJobAdmission
{
    public static GpuJobDecision Decide(GpuJobRequest request, IReadOnlyList<BudgetStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(statuses);
        if (request.Priority == GpuJobPriority.High)
        {
            return new GpuJobDecision(true, "high priority: never held");
        }

        var status = statuses.FirstOrDefault(s => s.Budget.Name == request.Budget);
        if (status is null)
        {
            return new GpuJobDecision(true, $"budget {request.Budget} is not in the policy: nothing holds the job");
        }

        var hold = TrainingHolds.For(status);
        return hold.OnHold
            ? new GpuJobDecision(false, hold.Reason)
            : new GpuJobDecision(true, $"budget {request.Budget}: {hold.Reason}");
    }
}

/// <summary>Send now, or hold; and the figures that decided it.</summary>
public sealed record GpuJobDecision(bool Send, string Reason);
