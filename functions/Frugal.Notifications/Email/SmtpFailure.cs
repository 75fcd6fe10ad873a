using System.Globalization;
using System.Net.Sockets;
using Frugal.Engine.Notifications;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Frugal.Notifications.Email;

/// <summary>
/// Turns what went wrong in an SMTP conversation into a reason a person can act on, and decides whether trying
/// again may help: a server that is down or busy may recover; a bad certificate, a refused login or a refused
/// recipient will not without someone changing something.
/// </summary>
internal static class SmtpFailure
{
    public static DeliveryResult Classify(Exception error, string endpoint) => error switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } =>
            DeliveryResult.Retry($"cannot connect to {endpoint}: connection refused (is the SMTP server running?)"),
        SocketException socket =>
            DeliveryResult.Retry($"cannot connect to {endpoint}: {socket.SocketErrorCode}"),
        SslHandshakeException tls =>
            DeliveryResult.Rejected($"TLS with {endpoint} failed: {TlsReason(tls)}"),
        NotSupportedException when error.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) =>
            DeliveryResult.Rejected($"TLS with {endpoint} failed: the server does not offer STARTTLS"),
        AuthenticationException auth =>
            DeliveryResult.Rejected($"{endpoint} refused the login: {auth.Message}"),
        SmtpCommandException command => Command(command, endpoint),
        SmtpProtocolException protocol =>
            DeliveryResult.Retry($"the SMTP conversation with {endpoint} broke off: {protocol.Message}"),
        TimeoutException or OperationCanceledException =>
            DeliveryResult.Retry($"no answer from {endpoint} in time"),
        ServiceNotConnectedException or IOException =>
            DeliveryResult.Retry($"the connection to {endpoint} was lost: {error.Message}"),
        _ => DeliveryResult.Retry($"sending through {endpoint} failed ({error.GetType().Name})"),
    };

    private static DeliveryResult Command(SmtpCommandException command, string endpoint)
    {
        var code = (int)command.StatusCode;
        var said = string.Create(CultureInfo.InvariantCulture, $"{code} {command.Message.Trim()}");
        var reason = command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"{endpoint} refused recipient {command.Mailbox}: {said}",
            SmtpErrorCode.SenderNotAccepted => $"{endpoint} refused sender {command.Mailbox}: {said}",
            _ => $"{endpoint} refused the message: {said}",
        };

        // 4xx replies are the server's way of saying "not now"; 5xx mean "not ever".
        return code is >= 400 and < 500 ? DeliveryResult.Retry(reason) : DeliveryResult.Rejected(reason);
    }

    private static string TlsReason(SslHandshakeException tls) =>
        tls.InnerException is { } inner
            ? inner.Message
            : "the server's certificate is not trusted or the server does not speak TLS here";
}
