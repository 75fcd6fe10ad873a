using Frugal.Engine;
using Frugal.Engine.BudgetEvents;
using Frugal.Hosting.BudgetAlerts;
using Frugal.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Frugal.Server;

/// <summary>
/// The budget alert webhooks, shared by the Functions HTTP triggers and <c>frugal serve</c>: authenticate the
/// caller (401), bound the body (413 over 1 MiB), read the alert (400 with the reason), take it in and answer.
/// The evaluation an alert triggers runs after the answer, in the background, so the answer never waits for it.
/// </summary>
public sealed partial class BudgetWebhookHandler(
    BudgetAlertReceiver receiver,
    GooglePushTokenVerifier gcpVerifier,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<BudgetWebhookHandler> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<WebhookReply> GcpAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!options.Value.Gcp.IsConfigured)
        {
            return NotConfigured("GCP", "Frugal:Webhooks:Gcp:Audience and Frugal:Webhooks:Gcp:ServiceAccountEmail");
        }

        var check = await gcpVerifier.VerifyAsync(request.Headers.Authorization.ToString(), ct).ConfigureAwait(false);
        if (!check.IsValid)
        {
            LogUnauthenticated("GCP", check.Problem!);
            return WebhookReply.Error(StatusCodes.Status401Unauthorized, check.Problem!);
        }

        return await TakeInAsync(request, "GCP", GcpBudgetNotificationReader.Read, ct).ConfigureAwait(false);
    }

    public async Task<WebhookReply> AzureAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value.Azure;
        if (!settings.IsConfigured)
        {
            return NotConfigured("Azure", "Frugal:Webhooks:Azure:Secret");
        }

        var presented = request.Headers.TryGetValue(settings.HeaderName, out var header) && header.Count > 0
            ? header.ToString()
            : request.Query[settings.QueryParameter].ToString();
        if (!SharedSecret.Matches(settings.Secret, presented))
        {
            LogUnauthenticated("Azure", "missing or wrong secret");
            return WebhookReply.Error(StatusCodes.Status401Unauthorized, "missing or wrong secret");
        }

        return await TakeInAsync(request, "Azure", AzureBudgetAlertReader.Read, ct).ConfigureAwait(false);
    }

    private async Task<WebhookReply> TakeInAsync(
        HttpRequest request, string cloud, Func<ReadOnlyMemory<byte>, DateTimeOffset, BudgetEvent> read,
        CancellationToken ct)
    {
        if (await RequestBody.ReadAsync(request, MaxBodyBytes, ct).ConfigureAwait(false) is not { } body)
        {
            return WebhookReply.Error(StatusCodes.Status413PayloadTooLarge, "the body is larger than 1 MiB");
        }

        BudgetEvent budgetEvent;
        try
        {
            budgetEvent = read(body, time.GetUtcNow());
        }
        catch (FrugalInputException ex)
        {
            LogMalformed(cloud, ex.Message);
            return WebhookReply.Error(StatusCodes.Status400BadRequest, ex.Message);
        }

        try
        {
            var outcome = await receiver.AcceptAsync(budgetEvent, ct).ConfigureAwait(false);
            return new WebhookReply(StatusCodes.Status200OK, new WebhookOutcome(
                outcome.Disposition.ToString().ToLowerInvariant(), outcome.Budgets, outcome.Detail));
        }
        catch (FrugalInputException ex)
        {
            // The alert is fine but Frugal's own configuration is not: a 5xx makes the sender deliver it again.
            LogCannotTakeIn(ex, cloud);
            return WebhookReply.Error(StatusCodes.Status503ServiceUnavailable,
                "Frugal cannot load its policy; the alert was not taken in (see the log)");
        }
    }

    private static WebhookReply NotConfigured(string cloud, string settings) =>
        WebhookReply.Error(StatusCodes.Status404NotFound, $"the {cloud} budget webhook is not configured ({settings})");

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning,
        Message = "{Cloud} budget webhook refused a caller: {Problem}")]
    private partial void LogUnauthenticated(string cloud, string problem);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "{Cloud} budget webhook got a malformed alert: {Problem}")]
    private partial void LogMalformed(string cloud, string problem);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "{Cloud} budget alert could not be taken in")]
    private partial void LogCannotTakeIn(Exception exception, string cloud);
}
