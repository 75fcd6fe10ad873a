using System.Globalization;
using Frugal.Engine;
using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Frugal.Notifications.Email;

/// <summary>
/// Sends notifications by SMTP (MailKit): plain, STARTTLS or implicit TLS, with a login when the channel has one.
/// The password is resolved from its reference for each message and handed only to the server.
/// </summary>
public sealed class SmtpEmailChannel(ISecretResolver secrets, SmtpOptions options) : INotificationChannel
{
    public ChannelKind Kind => ChannelKind.Email;

    public async Task<DeliveryResult> SendAsync(
        ChannelPolicy channel, NotificationEvent notification, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(notification);
        var server = SmtpSettings.Read(channel, secrets);
        var message = EmailComposer.Compose(notification, idempotencyKey, server.From, server.To, channel.Link);
        try
        {
            await DeliverAsync(server, message, ct).ConfigureAwait(false);
            return DeliveryResult.Delivered(
                $"accepted by {server.Endpoint} for {string.Join(", ", server.To)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var failure = SmtpFailure.Classify(ex, server.Endpoint);
            return failure with { Detail = server.Password?.Scrub(failure.Detail) ?? failure.Detail };
        }
    }

    private async Task DeliverAsync(SmtpSettings server, MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        if (options.ServerCertificateValidation is { } validate)
        {
            client.ServerCertificateValidationCallback = validate;
        }

        await client.ConnectAsync(server.Host, server.Port, server.Security, ct).ConfigureAwait(false);
        if (server.User is { } user && server.Password is { } password)
        {
            await client.AuthenticateAsync(user, password.Reveal(), ct).ConfigureAwait(false);
        }

        await client.SendAsync(message, ct).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, ct).ConfigureAwait(false);
    }

    /// <summary>A channel's settings, read and resolved for one message.</summary>
    private sealed record SmtpSettings(
        string Host, int Port, SecureSocketOptions Security, string? User, SecretValue? Password, string From,
        IReadOnlyList<string> To)
    {
        public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

        public static SmtpSettings Read(ChannelPolicy channel, ISecretResolver secrets)
        {
            var settings = channel.Settings;
            string Required(string key) => settings.TryGetValue(key, out var value)
                ? value
                : throw new FrugalInputException($"channel '{channel.Name}' has no '{key}'");

            var user = settings.TryGetValue("user", out var name) ? name : null;
            if (user is not null && user.StartsWith("env:", StringComparison.Ordinal))
            {
                user = SecretValue.Resolve(secrets, channel.Name, "user", user).Reveal();
            }

            var password = settings.TryGetValue("password", out var reference)
                ? SecretValue.Resolve(secrets, channel.Name, "password", reference)
                : null;
            return new SmtpSettings(
                Required("host"),
                int.Parse(settings.TryGetValue("port", out var port) ? port : "587", CultureInfo.InvariantCulture),
                SocketOptions(settings.TryGetValue("tls", out var tls) ? tls : "starttls"),
                user,
                password,
                Required("from"),
                Required("to").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        private static SecureSocketOptions SocketOptions(string tls) => tls switch
        {
            "none" => SecureSocketOptions.None,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
    }
}
