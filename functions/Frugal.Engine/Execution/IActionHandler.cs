using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine.Execution;

/// <summary>Carries out actions of one kind against the outside world (an autoscaler, a cloud API).</summary>
public interface IActionHandler
{
    ActionKind Kind { get; }

    /// <summary>
    /// Carries out the action. It may be called again for the same <see cref="PlannedAction.IdempotencyKey"/>
    /// after a crash, so a handler passes the key on where the provider supports it.
    /// </summary>
    Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct);
}
