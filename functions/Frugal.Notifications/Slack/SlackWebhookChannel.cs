using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Frugal.Engine;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;

namespace Frugal.Notifications.Slack;

/// <summary>
/// Posts notifications to Slack incoming webhooks. The webhook URL is itself the credential, so it is resolved
/// from its reference for each message, handed only to the HTTP request, and scrubbed from anything returned.
/// </summary>
public sealed class SlackWebhookChannel(
    HttpClient http, ISecretResolver secrets, SlackOptions options, TimeProvider time) : INotificationChannel
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public ChannelKind Kind => ChannelKind.Slack;

    public async Task<DeliveryResult> SendAsync(
        ChannelPolicy channel, NotificationEvent notification, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(notification);
        var url = WebhookUrl(channel);
        var payload = SlackMessage.Build(notification, channel.Link).ToJsonString();

        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url.Reveal())
            {
                Content = new StringContent(payload, Encoding.UTF8, JsonType),
            };
            using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var result = SlackReply.Classify(response.StatusCode, body, response.Headers.RetryAfter, time.GetUtcNow());
            return result with { Detail = url.Scrub(result.Detail) };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryResult.Retry(string.Create(CultureInfo.InvariantCulture,
                $"no answer from Slack within {options.Timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Retry($"cannot reach Slack: {Describe(ex.HttpRequestError)}");
        }
    }

    private SecretValue WebhookUrl(ChannelPolicy channel)
    {
        var reference = channel.Settings.TryGetValue("webhookUrl", out var value)
            ? value
            : throw new FrugalInputException($"channel '{channel.Name}' has no 'webhookUrl'");
        var url = SecretValue.Resolve(secrets, channel.Name, "webhookUrl", reference);
        var usable = Uri.TryCreate(url.Reveal(), UriKind.Absolute, out var uri) &&
                     (uri.Scheme == Uri.UriSchemeHttps ||
                      (options.AllowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
        return usable
            ? url
            : throw new FrugalInputException(
                $"channel '{channel.Name}': {reference} does not hold an https URL (the value is not shown)");
    }

    // The exception's message is not used: it can carry the address, and the reason is all a person needs.
    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ProxyTunnelError => "the proxy refused the tunnel",
        HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse => "the answer broke off or was invalid",
        _ => "a network error",
    };
}
