using Frugal.Engine.Notifications;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Tests.Policies;

public sealed class RouteValidationTests
{
    private const string Channels = """
        channels:
          - { name: ml-slack, kind: slack, webhookUrl: env:FRUGAL_SLACK_URL, link: https://grafana.example.com/d/1 }
          - { name: ops, kind: console }
        """;

    private const string Budgets = """
        budgets:
          - name: ml
            amount: 100
            currency: USD
            thresholds: [{ at: 1, actions: [holdTraining] }]
        """;

    [Fact]
    public void Parse_RoutesAndNotifications_ReadWithDefaultsFilledIn()
    {
        var yaml = Channels + "\n" + """
            routes:
              - events: [thresholdCrossed, actionFailed, safetyLimit]
                channels: [ML-SLACK]
                minSeverity: warning
              - events: dailyDigest
            notifications:
              maxAttempts: 7
              digest: { at: "07:30", timeZone: Europe/Berlin }
            """ + "\n" + Budgets;

        var policy = PolicyAssert.Valid(yaml);

        var routes = policy.Notifications.Routes;
        Assert.Equal(2, routes.Count);
        Assert.Equal(
            [NotificationEventKind.ThresholdCrossed, NotificationEventKind.ActionFailed,
                NotificationEventKind.SafetyLimit],
            routes[0].Events);
        Assert.Equal(["ml-slack"], routes[0].Channels);
        Assert.Equal(NotificationSeverity.Warning, routes[0].MinSeverity);
        Assert.Empty(routes[1].Channels);
        Assert.Equal(NotificationSeverity.Info, routes[1].MinSeverity);
        Assert.Equal(7, policy.Notifications.MaxAttempts);
        Assert.Equal(new TimeOnly(7, 30), policy.Notifications.DigestAt);
        Assert.Equal("Europe/Berlin", policy.Notifications.DigestTimeZone);
        Assert.Equal("https://grafana.example.com/d/1", policy.Channels[0].Link);
    }

    [Fact]
    public void Parse_NoRoutes_DefaultsAndNothingRouted()
    {
        var policy = PolicyAssert.Valid(Channels + "\n" + Budgets);

        Assert.Empty(policy.Notifications.Routes);
        Assert.Equal(5, policy.Notifications.MaxAttempts);
        Assert.Equal(new TimeOnly(8, 0), policy.Notifications.DigestAt);
        Assert.Empty(NotificationRouter.Channels(policy, NotificationEventKind.ActionFailed,
            NotificationSeverity.Critical));
    }

    [Theory]
    [InlineData("routes:\n  - { events: [thresholdCrosed] }", 2, 16,
        "unknown event 'thresholdCrosed'; did you mean 'thresholdCrossed'?")]
    [InlineData("routes:\n  - { channels: [ml-slak] }", 2, 18, "unknown channel 'ml-slak'; did you mean 'ml-slack'?")]
    [InlineData("routes:\n  - { minSeverity: urgent }", 2, 20,
        "'minSeverity' must be one of info, warning, critical; got 'urgent'")]
    [InlineData("routes:\n  - { event: [dailyDigest] }", 2, 7, "unknown key 'event'; did you mean 'events'?")]
    [InlineData("notifications: { maxAttempts: 0 }", 1, 31, "'maxAttempts' must be between 1 and 100")]
    [InlineData("notifications: { digest: { at: 25:00 } }", 1, 32, "'at' must be a time of day as HH:mm")]
    [InlineData("notifications: { digest: { timeZone: CET-ish } }", 1, 38, "unknown time zone 'CET-ish'")]
    [InlineData("notifications: { retries: 3 }", 1, 18, "unknown key 'retries'")]
    public void Parse_BadRouteOrNotifications_ReportedAtItsPlace(string section, int line, int column, string message)
    {
        PolicyAssert.SingleError(section + "\n" + Channels + "\n" + Budgets, line, column, message);
    }

    [Fact]
    public void Parse_ChannelLinkNotAUrl_Refused()
    {
        const string yaml = "channels:\n  - { name: ops, kind: console, link: grafana }\n" + Budgets;

        PolicyAssert.SingleError(yaml, 2, 39, "'link' must be an http or https URL, got 'grafana'");
    }

    [Fact]
    public void Parse_RoutesWithoutChannels_Refused()
    {
        PolicyAssert.SingleError("routes:\n  - { events: [dailyDigest] }\n" + Budgets, 2, 3,
            "routes have nowhere to go: declare a channel under 'channels'");
    }
}
