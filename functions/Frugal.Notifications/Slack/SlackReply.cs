using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Frugal.Engine.Notifications;

namespace Frugal.Notifications.Slack;

/// <summary>
/// Reads what a Slack incoming webhook answered. Slack answers <c>ok</c> on success and a bare error string
/// otherwise: 4xx errors are the request's or the channel's fault and are not retried; 429 asks to wait
/// <c>Retry-After</c> seconds; 5xx is Slack's own trouble and is retried with backoff.
/// </summary>
internal static class SlackReply
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["invalid_payload"] = "Slack could not read the message Frugal sent",
        ["user_not_found"] = "the user the webhook posts as does not exist",
        ["action_prohibited"] = "the Slack workspace does not allow this webhook to post here",
        ["channel_not_found"] = "the webhook's channel does not exist",
        ["channel_is_archived"] = "the webhook's channel is archived",
        ["rollup_error"] = "Slack had an internal error",
        ["no_service"] = "the webhook was removed or disabled",
        ["no_active_hooks"] = "the webhook was removed or disabled",
        ["invalid_token"] = "the webhook URL is no longer valid",
        ["team_disabled"] = "the Slack workspace is disabled",
    };

    /// <summary>Errors that mean the channel itself is gone: reported through the other channels too.</summary>
    private static readonly HashSet<string> Gone = new(StringComparer.Ordinal)
    {
        "channel_not_found", "channel_is_archived", "no_service", "no_active_hooks", "invalid_token", "team_disabled",
    };

    public static DeliveryResult Classify(HttpStatusCode status, string body, RetryConditionHeaderValue? retryAfter,
        DateTimeOffset now)
    {
        var code = (int)status;
        var error = Tidy(body);
        if (code is >= 200 and < 300)
        {
            return DeliveryResult.Delivered(
                string.Create(CultureInfo.InvariantCulture, $"Slack answered {code} {error}"));
        }

        var reason = Reason(code, error);
        if (status == HttpStatusCode.TooManyRequests)
        {
            var wait = Wait(retryAfter, now);
            return DeliveryResult.Retry(
                string.Create(CultureInfo.InvariantCulture,
                    $"{reason}; Slack asked to wait {(wait ?? TimeSpan.Zero).TotalSeconds:0} s"), wait);
        }

        return code >= 500 || code == 408
            ? DeliveryResult.Retry(reason)
            : DeliveryResult.Rejected(reason, Gone.Contains(error) || status == HttpStatusCode.Gone);
    }

    private static string Reason(int code, string error)
    {
        var meaning = Meanings.TryGetValue(error, out var known) ? $" ({known})" : string.Empty;
        var said = error.Length == 0 ? "no reason" : error;
        return string.Create(CultureInfo.InvariantCulture, $"Slack answered {code} {said}{meaning}");
    }

    private static TimeSpan? Wait(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) =>
        retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    // Slack's errors are short words; anything else (an HTML error page from a proxy) is cut to one short line.
    private static string Tidy(string body)
    {
        var line = body.Trim().ReplaceLineEndings(" ");
        return line.Length <= 120 ? line : line[..117] + "...";
    }
}
