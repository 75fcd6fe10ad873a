using Frugal.Engine.Execution;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Hosting;

/// <summary>
/// Settles the ladder's <c>capAutoscaling</c> action. The budget planner plans it once per crossing, which suits a
/// record of the crossing but not a cap that must also be lifted; the cap itself is enforced by the autoscaling
/// reconciler (<c>AdjustAutoscaling</c>, <c>frugal autoscale apply</c>) from the budget's status on every run, and
/// lifted by it when the rung is no longer reached. This handler only records that hand-over.
/// </summary>
internal sealed class CapAutoscalingHandoff : IActionHandler
{
    public ActionKind Kind => ActionKind.CapAutoscaling;

    public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Task.FromResult(ActionResult.Succeeded(
            "enforced by the AdjustAutoscaling step while the rung stays reached this period; "
            + "see 'frugal autoscale plan'"));
    }
}
