using System.CommandLine;
using System.Globalization;
using Frugal.Engine.Notifications;
using Frugal.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Frugal.Cli.Commands;

/// <summary>
/// <c>frugal notify test</c> sends a test message through one channel and says what the receiver answered;
/// <c>frugal notify digest</c> sends today's daily digest now. Exit codes: 0 delivered, 1 the channel refused or
/// failed, 2 bad input (unknown channel, a secret reference that is not set).
/// </summary>
internal static class NotifyCommand
{
    public static Command Create() =>
        new("notify", "Check notification channels and send the daily digest.") { CreateTest(), CreateDigest() };

    private static Command CreateTest()
    {
        var policy = CommonOptions.Policy();
        var channel = new Option<string>("--channel") { Description = "The channel to test.", Required = true };
        var command = new Command("test", "Send a test message through one channel and report the outcome.")
        {
            policy, channel,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            await using var services = JobServices.Build(TimeProvider.System, parse.InvocationConfiguration.Error);
            var job = services.GetRequiredService<BudgetJob>();
            var name = parse.GetRequiredValue(channel);
            var result = await job.SendTestAsync(parse.GetRequiredValue(policy), name, ct).ConfigureAwait(false);

            var verdict = result.Outcome == DeliveryOutcome.Delivered ? "delivered" : "NOT delivered";
            await stdout.WriteLineAsync($"{name}: {verdict}: {result.Detail}").ConfigureAwait(false);
            return result.Outcome == DeliveryOutcome.Delivered ? ExitCodes.Success : ExitCodes.ActionFailed;
        });
        return command;
    }

    private static Command CreateDigest()
    {
        var policy = CommonOptions.Policy();
        var focus = CommonOptions.Focus();
        var state = CommonOptions.State();
        var now = CommonOptions.Now();
        var command = new Command("digest", "Send today's daily digest now to the channels routed for it.")
        {
            policy, focus, state, now,
        };
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var request = new BudgetJobRequest(parse.GetRequiredValue(policy), parse.GetValue(focus),
                parse.GetValue(state));
            await using var services = JobServices.Build(
                CommonOptions.Clock(parse.GetValue(now)), parse.InvocationConfiguration.Error);
            var result = await services.GetRequiredService<BudgetJob>().DigestAsync(request, ct).ConfigureAwait(false);
            Write(result, stdout);
            return result.Deliveries.All(d => d.Status == NotificationStatus.Delivered)
                ? ExitCodes.Success
                : ExitCodes.ActionFailed;
        });
        return command;
    }

    private static void Write(DigestJobResult result, TextWriter writer)
    {
        var day = result.Digest.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (result.Digest.Recorded.Count == 0 && result.Digest.AlreadySent.Count == 0)
        {
            writer.WriteLine("No channel is routed for dailyDigest: add a route with 'events: [dailyDigest]'.");
            return;
        }

        foreach (var channel in result.Digest.AlreadySent)
        {
            writer.WriteLine($"{channel}: the digest for {day} was already recorded; not sent again");
        }

        foreach (var delivery in result.Deliveries)
        {
            writer.WriteLine($"{delivery.Envelope.Channel}: {delivery.Status.ToString().ToLowerInvariant()}: " +
                             $"{delivery.Envelope.Event.Headline} ({delivery.Detail})");
        }
    }
}
