using Frugal.Engine;
using Frugal.Engine.Notifications;
using Frugal.Notifications.Email;
using Frugal.Notifications.Tests.Support;
using MimeKit;

namespace Frugal.Notifications.Tests;

public sealed class SmtpEmailChannelTests
{
    private static readonly DictionarySecrets Secrets =
        new(new() { ["FRUGAL_TEST_SMTP_PASSWORD"] = FakeSmtp.Password });

    [Fact]
    public async Task SendAsync_Digest_MultipartPlainAndHtmlWithTheChartsInline()
    {
        using var smtp = new FakeSmtp();

        var result = await Channel().SendAsync(Samples.Email(smtp.Port), Samples.Digest(), "digest|2026-11-20|mail",
            CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("[Frugal] Daily digest 2026-11-20: 2 budgets, 0 over budget", message.Subject);
        Assert.Equal("frugal@example.com", message.From.Mailboxes.Single().Address);
        Assert.Equal("finops@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal(EmailComposer.MessageId("digest|2026-11-20|mail"), message.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var plain = Assert.IsType<TextPart>(alternative[0]);
        Assert.True(plain.IsPlain);
        Assert.Contains("ml-platform (2026-11): spend USD 36,800 of USD 40,000 (92%)", plain.Text,
            StringComparison.Ordinal);
        Assert.Contains("Money saved: not known yet", plain.Text, StringComparison.Ordinal);
        Assert.Contains("- Run training work in ml-training-prod on Spot: about USD 329,883 a month", plain.Text,
            StringComparison.Ordinal);
        var related = Assert.IsType<MultipartRelated>(alternative[1]);
        var html = Assert.IsType<TextPart>(related[0]);
        Assert.True(html.IsHtml);
        Assert.Contains("<b>Top recommendations (none acts by itself)</b>", html.Text, StringComparison.Ordinal);
        var charts = related.OfType<MimePart>().Where(p => p.ContentType.IsMimeType("image", "png")).ToList();
        Assert.Equal(2, charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.Contains($"src=\"cid:{chart.ContentId}\"", html.Text, StringComparison.Ordinal);
            Assert.Equal(PngSignature, Bytes(chart).Take(8));
        });
    }

    [Fact]
    public async Task SendAsync_StartTlsWithLogin_SubjectNamesBudgetPercentAndAmount()
    {
        using var smtp = new FakeSmtp("starttls", login: true);

        var result = await Channel().SendAsync(Samples.Email(smtp.Port, "starttls", login: true), Samples.Threshold(),
            "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal([FakeSmtp.User], smtp.Logins);
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("[Frugal] ml-platform at 92% of USD 40,000", message.Subject);
        Assert.Contains("&lt;ml-platform&gt; spend &amp; more", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Spend: USD 36,800 of USD 40,000 (92%)", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ImplicitTls_Delivered()
    {
        using var smtp = new FakeSmtp("tls");

        var result = await Channel().SendAsync(Samples.Email(smtp.Port, "tls"), Samples.Threshold(), "k",
            CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_RejectedWithoutThePassword()
    {
        using var smtp = new FakeSmtp("starttls", login: true);
        var wrong = new DictionarySecrets(new() { ["FRUGAL_TEST_SMTP_PASSWORD"] = "not-the-password-123" });

        var result = await Channel(wrong).SendAsync(Samples.Email(smtp.Port, "starttls", login: true),
            Samples.Threshold(), "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.StartsWith($"127.0.0.1:{smtp.Port} refused the login", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password-123", result.Detail, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_RecipientRefused_RejectedNamingTheRecipient()
    {
        using var smtp = new FakeSmtp();

        var result = await Channel().SendAsync(Samples.Email(smtp.Port, to: FakeSmtp.RefusedRecipient),
            Samples.Threshold(), "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.StartsWith($"127.0.0.1:{smtp.Port} refused recipient {FakeSmtp.RefusedRecipient}: 550", result.Detail,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NothingListening_RetryConnectionRefused()
    {
        var port = FreePort.Next();

        var result = await Channel().SendAsync(Samples.Email(port), Samples.Threshold(), "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Retry, result.Outcome);
        Assert.Equal($"cannot connect to 127.0.0.1:{port}: connection refused (is the SMTP server running?)",
            result.Detail);
    }

    [Fact]
    public async Task SendAsync_CertificateNotTrusted_RejectedAsTlsFailure()
    {
        using var smtp = new FakeSmtp("tls");
        var systemTrustOnly = new SmtpEmailChannel(Secrets, new SmtpOptions());

        var result = await systemTrustOnly.SendAsync(Samples.Email(smtp.Port, "tls"), Samples.Threshold(), "k",
            CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Rejected, result.Outcome);
        Assert.StartsWith($"TLS with 127.0.0.1:{smtp.Port} failed:", result.Detail, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_PasswordReferenceNotSet_InputErrorNamingTheReference()
    {
        var error = await Assert.ThrowsAsync<FrugalInputException>(() => Channel(new DictionarySecrets([]))
            .SendAsync(Samples.Email(25, login: true), Samples.Threshold(), "k", CancellationToken.None));

        Assert.Contains("'password' refers to env:FRUGAL_TEST_SMTP_PASSWORD, which is not set", error.Message,
            StringComparison.Ordinal);
    }

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static SmtpEmailChannel Channel(ISecretResolver? secrets = null) =>
        new(secrets ?? Secrets, new SmtpOptions
        {
            Timeout = TimeSpan.FromSeconds(10),
            ServerCertificateValidation = TestCertificate.TrustOnlyThis,
        });

    private static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
