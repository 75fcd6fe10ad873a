namespace Frugal.Notifications.Slack;

/// <summary>How Frugal talks to Slack incoming webhooks.</summary>
public sealed class SlackOptions
{
    /// <summary>How long to wait for Slack's answer before the attempt counts as a passing failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Lets plain-http webhook URLs to this machine through, for a local stand-in for Slack; https is required
    /// otherwise.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; } = true;
}
