using Frugal.Engine.Execution;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine.Billing;

/// <summary>
/// Carries out <see cref="ActionKind.DetachBilling"/>. The policy loader already refuses a rung that is not enabled
/// and confirmed; the handler checks again, because a stored action outlives the policy that planned it.
/// </summary>
public sealed class DetachBillingHandler(ProjectBillingLever lever) : IActionHandler
{
    public ActionKind Kind => ActionKind.DetachBilling;

    public async Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        var rule = action.Rule;
        if (action.DryRun)
        {
            return ActionResult.Skipped("dry run: billing is never detached in dry-run");
        }

        if (!rule.Enabled || string.IsNullOrEmpty(rule.Project) ||
            !string.Equals(rule.Project, rule.Confirm, StringComparison.Ordinal) ||
            !string.Equals(rule.Project, action.Target, StringComparison.Ordinal))
        {
            return ActionResult.Skipped(
                $"refused: detaching billing from '{action.Target}' needs enabled: true and confirm repeating " +
                "the project");
        }

        var result = await lever.DetachAsync(action.Target, action.Reason, ct).ConfigureAwait(false);
        return ActionResult.Succeeded(result.Detail);
    }
}
