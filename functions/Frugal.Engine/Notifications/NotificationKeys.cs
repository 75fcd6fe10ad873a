using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Frugal.Engine.Notifications;

/// <summary>
/// Event keys: the same event always gets the same key, so recording it again (another run, another process)
/// adds nothing. A threshold's key has no dry-run mark: turning dry-run off does not tell people twice.
/// </summary>
public static class NotificationKeys
{
    public static string ForChannel(string eventKey, string channel) => $"{eventKey}|{channel}";

    public static string Threshold(string budget, string period, string thresholdId) =>
        $"{budget}|{period}|{thresholdId}|Notify";

    public static string ActionPlanned(string actionKey) => $"planned|{actionKey}";

    public static string ActionTaken(string actionKey) => $"taken|{actionKey}";

    public static string ActionFailed(string actionKey) => $"failed|{actionKey}";

    /// <summary>The same refused plan is reported once a day, not on every run that refuses it again.</summary>
    public static string SafetyLimit(DateOnly day, IEnumerable<string> actionKeys)
    {
        var joined = string.Join('\n', actionKeys.Order(StringComparer.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..12];
        return $"safety-limit|{Day(day)}|{hash}";
    }

    public static string Digest(DateOnly day) => $"digest|{Day(day)}";

    public static string ChannelGone(string channel, DateOnly day) => $"channel-gone|{channel}|{Day(day)}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
