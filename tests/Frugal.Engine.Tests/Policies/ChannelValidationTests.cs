using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class ChannelValidationTests
{
    private const string Budgets = """
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds: [{ at: 1, actions: [holdTraining] }]
        """;

    [Fact]
    public void Parse_EveryKind_KeepsSettingsAsStringsWithDefaults()
    {
        const string channels = """
            channels:
              - name: ops-console
                kind: console
              - name: ml-slack
                kind: slack
                webhookUrl: env:FRUGAL_SLACK_URL
              - name: finops-mail
                kind: email
                host: smtp.example.com
                user: env:FRUGAL_SMTP_USER
                password: env:FRUGAL_SMTP_PASSWORD
                from: frugal@example.com
                to: [finops@example.com, leads@example.com]
            """;

        var policy = PolicyAssert.Valid(channels + "\n" + Budgets);

        Assert.Equal(
            [ChannelKind.Console, ChannelKind.Slack, ChannelKind.Email], policy.Channels.Select(c => c.Kind));
        Assert.Empty(policy.Channels[0].Settings);
        Assert.Equal("env:FRUGAL_SLACK_URL", policy.Channels[1].Settings["webhookUrl"]);
        var mail = policy.Channels[2].Settings;
        Assert.Equal("smtp.example.com", mail["host"]);
        Assert.Equal("587", mail["port"]);
        Assert.Equal("starttls", mail["tls"]);
        Assert.Equal("env:FRUGAL_SMTP_USER", mail["user"]);
        Assert.Equal("env:FRUGAL_SMTP_PASSWORD", mail["password"]);
        Assert.Equal("frugal@example.com", mail["from"]);
        Assert.Equal("finops@example.com,leads@example.com", mail["to"]);
    }

    [Fact]
    public void Parse_LiteralWebhookUrl_RefusedWithoutRepeatingIt()
    {
        const string channels = """
            channels:
              - name: ml-slack
                kind: slack
                webhookUrl: https://hooks.slack.com/services/T000/B000/XXXXSECRET
            """;

        var error = PolicyAssert.SingleError(channels + "\n" + Budgets, 4, 17,
            "'webhookUrl' is a secret: secrets must be references such as env:FRUGAL_SLACK_URL");

        Assert.DoesNotContain("XXXXSECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LiteralSmtpPassword_RefusedWithoutRepeatingIt()
    {
        const string channels = """
            channels:
              - name: mail
                kind: email
                host: smtp.example.com
                user: frugal
                password: hunter2
                from: frugal@example.com
                to: finops@example.com
            """;

        var error = PolicyAssert.SingleError(channels + "\n" + Budgets, 6, 15, "secrets must be references");

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ name: pager, kind: pagerduty }", 26, "'kind' must be one of console, slack, email; got 'pagerduty'")]
    [InlineData("{ name: c, kind: console, webhookUrl: env:X }", 31,
        "unknown key 'webhookUrl'; expected one of name, kind, link")]
    [InlineData("{ name: s, kind: slack }", 5, "the channel is missing 'webhookUrl'")]
    [InlineData("{ kind: console }", 5, "a channel is missing 'name'")]
    [InlineData("{ name: c }", 5, "a channel is missing 'kind'")]
    [InlineData("{ name: my channel, kind: console }", 13, "channel name 'my channel' may hold only letters")]
    [InlineData("{ name: m, kind: email, host: h, from: f@x.org, to: [] }", 57, "'to' needs at least one address")]
    [InlineData("{ name: m, kind: email, host: h, from: nobody, to: a@x.org }", 44,
        "'from' has 'nobody', which is not")]
    [InlineData("{ name: m, kind: email, host: h, from: a@x.org, to: [b@x.org, nobody] }", 67,
        "'to' has 'nobody', which is not an email address")]
    [InlineData("{ name: m, kind: email, host: h, port: 70000, from: a@x.org, to: b@x.org }", 44,
        "'port' must be between 1 and 65535")]
    [InlineData("{ name: m, kind: email, host: h, tls: ssl, from: a@x.org, to: b@x.org }", 43,
        "'tls' must be one of none, starttls, tls; got 'ssl'")]
    [InlineData("{ name: m, kind: email, host: h, user: u, from: a@x.org, to: b@x.org }", 5,
        "an email channel that logs in needs both 'user' and 'password'")]
    [InlineData("{ name: m, kind: email, from: a@x.org, to: b@x.org }", 5, "an email channel is missing 'host'")]
    public void Parse_BadChannel_ReportedAtItsPlace(string channel, int column, string message)
    {
        var yaml = "channels:\n  - " + channel + "\n" + Budgets;

        PolicyAssert.SingleError(yaml, 2, column, message);
    }

    [Fact]
    public void Parse_MiscasedSettingKey_ReportsTheTypoAndTheMissingSetting()
    {
        var yaml = "channels:\n  - { name: s, kind: slack, webhookURL: env:X }\n" + Budgets;

        var result = PolicyAssert.Parse(yaml);

        Assert.Equal(
            [
                "policy.yaml:2:5: the channel is missing 'webhookUrl'",
                "policy.yaml:2:29: unknown key 'webhookURL'; did you mean 'webhookUrl'?",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Parse_ChannelNameUsedTwice_ReportedAtTheSecond()
    {
        const string channels = """
            channels:
              - { name: ops, kind: console }
              - { name: OPS, kind: console }
            """;

        PolicyAssert.SingleError(channels + "\n" + Budgets, 3, 13, "duplicate channel name 'OPS' (first at line 2)");
    }
}
