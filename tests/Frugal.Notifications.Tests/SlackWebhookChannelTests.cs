using System.Text.Json;
using System.Text.Json.Nodes;
using Frugal.Engine;
using Frugal.Engine.Notifications;
using Frugal.Notifications.Slack;
using Frugal.Notifications.Tests.Support;

namespace Frugal.Notifications.Tests;

public sealed class SlackWebhookChannelTests : IDisposable
{
    private readonly FakeSlack _slack = new();
    private readonly HttpClient _http = new();

    public static TheoryData<int, string> DocumentedErrors()
    {
        var data = new TheoryData<int, string>();
        var file = JsonNode.Parse(File.ReadAllText(TestData.Path("slack", "webhook_error_responses.json")))!;
        foreach (var error in file["documented"]!.AsArray())
        {
            data.Add(error!["status"]!.GetValue<int>(), error["body"]!.GetValue<string>());
        }

        return data;
    }

    [Fact]
    public async Task SendAsync_SlackAnswersOk_DeliveredAsBlockKitWithFallbackText()
    {
        var result = await Send(Samples.Threshold(), Samples.Slack(link: "https://grafana.example.com/d/ml"));

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        var request = Assert.Single(_slack.Requests);
        Assert.Equal(FakeSlack.SecretPath, request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var message = JsonNode.Parse(request.Body)!.AsObject();
        Assert.StartsWith("ml-platform at 92% of USD 40,000\n", message["text"]!.GetValue<string>(),
            StringComparison.Ordinal);
        var blocks = message["blocks"]!.AsArray();
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("ml-platform at 92% of USD 40,000", blocks[0]!["text"]!["text"]!.GetValue<string>());
        var fields = blocks.First(b => b!["fields"] is not null)!["fields"]!.AsArray()
            .Select(f => f!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("*Spend*\nUSD 36,800 of USD 40,000 (92%)", fields);
        Assert.Contains("*Forecast*\nUSD 41,250.50 (103%)", fields);
        Assert.Contains("*Threshold*\nactual@0.9", fields);
        Assert.Contains(blocks, b => b!["text"]?["text"]?.GetValue<string>() ==
            "*What Frugal did or will do*\n• [dry-run] would hold training charged to ml-platform: " +
            "&lt;ml-platform&gt; spend &amp; more");
        Assert.Contains(blocks, b => b!["text"]?["text"]?.GetValue<string>() ==
            "<https://grafana.example.com/d/ml|Open in your dashboard>");
    }

    [Fact]
    public async Task SendAsync_Message_UsesTheBlockShapesOfSlacksOwnExample()
    {
        var example = JsonNode.Parse(File.ReadAllText(TestData.Path("slack", "webhook_blockkit_docs_example.json")))!;

        await Send(Samples.Digest(), Samples.Slack());

        var sent = JsonNode.Parse(Assert.Single(_slack.Requests).Body)!;
        Assert.Equal(Keys(example), Keys(sent));
        var exampleSection = example["blocks"]![0]!;
        var sentSection = sent["blocks"]!.AsArray().First(b => b!["type"]!.GetValue<string>() == "section")!;
        Assert.Equal(Keys(exampleSection), Keys(sentSection));
        Assert.Equal(
            exampleSection["text"]!["type"]!.GetValue<string>(), sentSection["text"]!["type"]!.GetValue<string>());
        Assert.All(sent["blocks"]!.AsArray(), b => Assert.Contains(b!["type"]!.GetValue<string>(),
            new[] { "header", "section", "context" }));
        Assert.Contains(sent["blocks"]!.AsArray(), b => b!["text"]?["text"]?.GetValue<string>() ==
            "*Top recommendations*\n• Run training work in ml-training-prod on Spot: about USD 329,883 a month");
    }

    [Theory]
    [MemberData(nameof(DocumentedErrors))]
    public async Task SendAsync_DocumentedError_ClassifiedWithSlacksReason(int status, string body)
    {
        _slack.Answer = _ => new SlackAnswer(status, body);

        var result = await Send(Samples.Threshold(), Samples.Slack());

        Assert.Contains($"Slack answered {status} {body}", result.Detail, StringComparison.Ordinal);
        Assert.Equal(status >= 500 ? DeliveryOutcome.Retry : DeliveryOutcome.Rejected, result.Outcome);
        Assert.Equal(body is "channel_not_found" or "channel_is_archived", result.ChannelGone);
    }

    [Fact]
    public async Task SendAsync_RateLimited_RetryAfterTheSecondsSlackGave()
    {
        _slack.Answer = _ => new SlackAnswer(429, "{\"calls\":3}") { Headers = [("Retry-After", "7")] };

        var result = await Send(Samples.Threshold(), Samples.Slack());

        Assert.Equal(DeliveryOutcome.Retry, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Contains("Slack asked to wait 7 s", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SlackTooSlow_RetryAfterTheTimeout()
    {
        _slack.Answer = _ => SlackAnswer.Ok with { Delay = TimeSpan.FromSeconds(5) };
        var options = new SlackOptions { Timeout = TimeSpan.FromMilliseconds(200) };
        var channel = new SlackWebhookChannel(_http, Secrets(), options, TimeProvider.System);

        var result = await channel.SendAsync(Samples.Slack(), Samples.Threshold(), "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Retry, result.Outcome);
        Assert.Equal("no answer from Slack within 0.2 s", result.Detail);
    }

    [Fact]
    public async Task SendAsync_NothingListening_RetryConnectionRefused()
    {
        var closed = new Dictionary<string, string>
        {
            ["FRUGAL_TEST_SLACK_URL"] = $"http://127.0.0.1:{FreePort.Next()}{FakeSlack.SecretPath}",
        };
        var channel = new SlackWebhookChannel(
            _http, new DictionarySecrets(closed), new SlackOptions(), TimeProvider.System);

        var result = await channel.SendAsync(Samples.Slack(), Samples.Threshold(), "k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Retry, result.Outcome);
        Assert.Equal("cannot reach Slack: the connection was refused or dropped", result.Detail);
    }

    [Fact]
    public async Task SendAsync_ReferenceNotSet_InputErrorNamingTheReference()
    {
        var channel = new SlackWebhookChannel(
            _http, new DictionarySecrets([]), new SlackOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            channel.SendAsync(Samples.Slack("env:FRUGAL_NOT_SET"), Samples.Threshold(), "k", CancellationToken.None));

        Assert.Equal("channel 'ml-slack': 'webhookUrl' refers to env:FRUGAL_NOT_SET, which is not set in the " +
            "environment or the app settings", error.Message);
    }

    [Fact]
    public async Task SendAsync_ReferenceHoldsNoHttpsUrl_InputErrorWithoutTheValue()
    {
        var secrets = new DictionarySecrets(new() { ["FRUGAL_TEST_SLACK_URL"] = "hooks.slack.com/XoXoSeCrEt" });
        var channel = new SlackWebhookChannel(_http, secrets, new SlackOptions(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            channel.SendAsync(Samples.Slack(), Samples.Threshold(), "k", CancellationToken.None));

        Assert.DoesNotContain("XoXoSeCrEt", error.Message, StringComparison.Ordinal);
        Assert.Contains("env:FRUGAL_TEST_SLACK_URL does not hold an https URL", error.Message,
            StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _http.Dispose();
        _slack.Dispose();
    }

    private Task<DeliveryResult> Send(NotificationEvent notification, Engine.Policies.ChannelPolicy channel) =>
        new SlackWebhookChannel(_http, Secrets(), new SlackOptions(), TimeProvider.System)
            .SendAsync(channel, notification, "key", CancellationToken.None);

    private DictionarySecrets Secrets() => new(new() { ["FRUGAL_TEST_SLACK_URL"] = _slack.Url });

    private static string[] Keys(JsonNode node) =>
        [.. node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];
}
