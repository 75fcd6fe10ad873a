using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Execution;

/// <summary>The embedded notifier: writes each notification to the log, which the CLI shows on the console.</summary>
public sealed partial class LogNotifier(ILogger<LogNotifier> logger) : IActionHandler
{
    public ActionKind Kind => ActionKind.Notify;

    public Task<ActionResult> ExecuteAsync(PlannedAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        LogNotification(action.Target, action.Reason);
        return Task.FromResult(ActionResult.Succeeded("written to the log"));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "[notify {Channel}] {Message}")]
    private partial void LogNotification(string channel, string message);
}
