using System.Net.Security;

namespace Frugal.Notifications.Email;

/// <summary>How Frugal talks to SMTP servers.</summary>
public sealed class SmtpOptions
{
    /// <summary>How long each step of the SMTP conversation may take before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Decides whether to trust the server's certificate; null uses the system's trust store. Tests (and servers
    /// with a private CA) pin their own certificate here.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; set; }
}
