using Frugal.Engine.Policies;
using Frugal.Engine.Policies.Loading;

namespace Frugal.Engine.Notifications;

/// <summary>
/// Sends a test message straight through one channel, past the outbox, so a person setting Frugal up sees at once
/// whether the channel works and, if not, the receiver's reason.
/// </summary>
public sealed class ChannelCheck(IEnumerable<INotificationChannel> senders, TimeProvider time)
{
    /// <summary>
    /// The receiver's answer. An unknown channel or settings that cannot be used (a secret reference that is not
    /// set) throw <see cref="FrugalInputException"/>.
    /// </summary>
    public async Task<DeliveryResult> SendTestAsync(FrugalPolicy policy, string channelName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        var channel = policy.Channels.FirstOrDefault(
            c => string.Equals(c.Name, channelName, StringComparison.OrdinalIgnoreCase))
            ?? throw new FrugalInputException(
                $"{policy.SourcePath ?? "the policy"}: " +
                NearestName.Unknown("channel", channelName, [.. policy.Channels.Select(c => c.Name)]));
        var sender = senders.FirstOrDefault(s => s.Kind == channel.Kind)
            ?? throw new FrugalInputException($"no sender for {channel.Kind} channels is configured");

        var test = NotificationEvents.Test(channel, time.GetUtcNow());
        return await sender.SendAsync(channel, test, NotificationKeys.ForChannel(test.Key, channel.Name), ct)
            .ConfigureAwait(false);
    }
}
