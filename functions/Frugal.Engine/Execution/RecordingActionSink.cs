using System.Collections.Concurrent;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine.Execution;

/// <summary>
/// Stands in for a provider that is not configured: it keeps the actions it was given and says so in the outcome,
/// so the audit log shows exactly what a real provider would have been asked to do.
/// </summary>
public sealed class RecordingActionSink(ActionKind kind) : IActionHandler
{
    private readonly ConcurrentQueue<PlannedAction> _received = new();

    public ActionKind Kind => kind;

    public IReadOnlyCollection<PlannedAction> Received => _received;

    public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        _received.Enqueue(action);
        return Task.FromResult(ActionResult.Succeeded($"recorded only: no {kind} provider is configured"));
    }
}
