using System.Globalization;
using Frugal.Engine.Policies;
using Frugal.Engine.State;
using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Notifications;

/// <summary>
/// Sends what the notification outbox holds. It leases due notifications, sends each through the sender of its
/// channel's kind, and records every attempt. Channels are served side by side and a failing channel's remaining
/// messages are put back untried, so one broken channel never holds up the others. Passing failures are retried
/// with backoff (or after the receiver's <c>Retry-After</c>); refusals and exhausted retries are dead-lettered.
/// Delivery is at least once: a crash after the receiver accepted a message but before the outcome is recorded
/// sends it again on the next run. Completion does not check that the lease is still this dispatcher's, so a send
/// that outlives <see cref="LeaseDuration"/> can be taken over by another process and sent twice; an owner check in
/// the store's completion and a lease renewal during long sends would close that.
/// </summary>
public sealed partial class NotificationDispatcher
{
    private readonly IStateStore _store;
    private readonly IReadOnlyList<INotificationChannel> _senders;
    private readonly TimeProvider _time;
    private readonly ILogger<NotificationDispatcher> _logger;
    private readonly string _owner = Guid.NewGuid().ToString("N");

    public NotificationDispatcher(
        IStateStore store,
        IEnumerable<INotificationChannel> senders,
        TimeProvider time,
        ILogger<NotificationDispatcher> logger)
    {
        _store = store;
        _senders = senders.ToList();
        _time = time;
        _logger = logger;
    }

    /// <summary>How long a notification stays leased to this dispatcher; a crash frees it after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest this dispatcher waits for a retry to fall due before it leaves the rest to the next run.
    /// </summary>
    public TimeSpan MaxInlineWait { get; init; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; init; } = 32;

    /// <summary>Sends everything due, waiting for retries up to <see cref="MaxInlineWait"/> at a time.</summary>
    public async Task<IReadOnlyList<NotificationOutcome>> DispatchAsync(FrugalPolicy policy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var outcomes = new List<NotificationOutcome>();
        do
        {
            while (true)
            {
                var now = _time.GetUtcNow();
                var leased = await _store
                    .LeasePendingNotificationsAsync(_owner, now, now + LeaseDuration, BatchSize, ct)
                    .ConfigureAwait(false);
                if (leased.Count == 0)
                {
                    break;
                }

                var perChannel = await Task.WhenAll(leased.GroupBy(r => r.Envelope.Channel, StringComparer.Ordinal)
                    .Select(g => SendChannelAsync(policy, [.. g], ct))).ConfigureAwait(false);
                outcomes.AddRange(perChannel.SelectMany(o => o));
            }
        }
        while (await WaitForNextDueAsync(ct).ConfigureAwait(false));

        return outcomes;
    }

    private async Task<bool> WaitForNextDueAsync(CancellationToken ct)
    {
        if (await _store.NextNotificationDueAsync(ct).ConfigureAwait(false) is not { } due)
        {
            return false;
        }

        var wait = due - _time.GetUtcNow();
        if (wait > MaxInlineWait)
        {
            return false;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, ct).ConfigureAwait(false);
        }

        return true;
    }

    // One channel's messages go in order, one at a time (Slack asks for no more than one a second anyway).
    private async Task<List<NotificationOutcome>> SendChannelAsync(
        FrugalPolicy policy, List<NotificationRecord> records, CancellationToken ct)
    {
        var outcomes = new List<NotificationOutcome>(records.Count);
        DateTimeOffset? failingUntil = null;
        foreach (var record in records)
        {
            var outcome = failingUntil is { } until
                ? await PutBackAsync(record, until).ConfigureAwait(false)
                : await SendOneAsync(policy, record, ct).ConfigureAwait(false);
            if (outcome.Status == NotificationStatus.Pending)
            {
                failingUntil ??= outcome.RetryAt;
            }

            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private async Task<NotificationOutcome> SendOneAsync(
        FrugalPolicy policy, NotificationRecord record, CancellationToken ct)
    {
        var result = await AttemptAsync(policy, record.Envelope, ct).ConfigureAwait(false);
        var attempts = record.Attempts + 1;
        var now = _time.GetUtcNow();
        var attempt = Decide(result, attempts, policy.Notifications.MaxAttempts, now);
        var followUps = result.ChannelGone ? ChannelGone(policy, record.Envelope.Channel, result.Detail, now) : [];
        await CompleteAsync(record, attempt, followUps).ConfigureAwait(false);
        return new NotificationOutcome(record.Envelope, attempt.Status, attempt.Detail, attempts, attempt.RetryAt);
    }

    private async Task<NotificationOutcome> PutBackAsync(NotificationRecord record, DateTimeOffset until)
    {
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"not tried: channel {record.Envelope.Channel} is failing; next try from {until:yyyy-MM-dd HH:mm:ss}Z");
        var attempt = new NotificationAttempt(NotificationStatus.Pending, detail, until, Attempted: false);
        await CompleteAsync(record, attempt, []).ConfigureAwait(false);
        return new NotificationOutcome(record.Envelope, attempt.Status, detail, record.Attempts, until);
    }

    private async Task<DeliveryResult> AttemptAsync(
        FrugalPolicy policy, NotificationEnvelope envelope, CancellationToken ct)
    {
        if (NotificationRouter.Find(policy, envelope.Channel) is not { } channel)
        {
            return DeliveryResult.Rejected($"channel '{envelope.Channel}' is no longer declared in the policy");
        }

        if (_senders.FirstOrDefault(s => s.Kind == channel.Kind) is not { } sender)
        {
            return DeliveryResult.Rejected($"no sender for {channel.Kind} channels is configured");
        }

        try
        {
            return await sender.SendAsync(channel, envelope.Event, envelope.Key, ct).ConfigureAwait(false);
        }
        catch (FrugalInputException ex)
        {
            // Settings that cannot be used (a reference not set) may be fixed before the next run: retry.
            return DeliveryResult.Retry(ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The exception's own text is not kept: a sender's library may have put an address or token in it.
            LogSenderThrew(channel.Kind.ToString(), channel.Name, ex.GetType().Name);
            return DeliveryResult.Retry($"the {channel.Kind} sender failed unexpectedly ({ex.GetType().Name})");
        }
    }

    private static NotificationAttempt Decide(
        DeliveryResult result, int attempts, int maxAttempts, DateTimeOffset now)
    {
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                return new NotificationAttempt(NotificationStatus.Delivered, result.Detail);
            case DeliveryOutcome.Rejected:
                return new NotificationAttempt(
                    NotificationStatus.DeadLettered, $"rejected, not retried: {result.Detail}");
            default:
                if (attempts >= maxAttempts)
                {
                    return new NotificationAttempt(NotificationStatus.DeadLettered, string.Create(
                        CultureInfo.InvariantCulture, $"{result.Detail} (gave up after {attempts} attempts)"));
                }

                var wait = result.RetryAfter is { } after && after > TimeSpan.Zero ? after : Backoff(attempts);
                var retryAt = now + wait;
                return new NotificationAttempt(NotificationStatus.Pending, result.Detail, retryAt);
        }
    }

    /// <summary>5 s, 15 s, 45 s, 2 min 15 s... up to 30 minutes: quick for a blip, gentle for an outage.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(3, Math.Max(0, attempts - 1)), 30 * 60));

    private static List<NotificationEnvelope> ChannelGone(
        FrugalPolicy policy, string channel, string reason, DateTimeOffset now)
    {
        var told = NotificationEvents.ChannelGone(channel, reason, DateOnly.FromDateTime(now.UtcDateTime), now);
        return [.. NotificationRouter.ChannelGone(policy, channel).Select(c => new NotificationEnvelope(c, told))];
    }

    private async Task CompleteAsync(
        NotificationRecord record, NotificationAttempt attempt, IReadOnlyList<NotificationEnvelope> followUps)
    {
        var envelope = record.Envelope;
        var status = attempt.Status.ToString().ToLowerInvariant();
        var audit = new AuditEntry(
            _time.GetUtcNow(), AuditKind.Notification, $"{envelope.Channel}: {envelope.Event.Headline}",
            envelope.Event.Budget?.Name, envelope.Key, $"{status}: {attempt.Detail}");

        // The outcome is recorded whatever happens to the caller, so a cancelled run does not resend a delivery.
        await _store.CompleteNotificationAsync(envelope.Key, attempt, audit, followUps, CancellationToken.None)
            .ConfigureAwait(false);
        Log(envelope, attempt);
    }

    private void Log(NotificationEnvelope envelope, NotificationAttempt attempt)
    {
        switch (attempt.Status)
        {
            case NotificationStatus.Delivered:
                LogDelivered(envelope.Channel, envelope.Event.Headline, attempt.Detail);
                break;
            case NotificationStatus.DeadLettered:
                LogDeadLettered(envelope.Channel, envelope.Event.Headline, attempt.Detail);
                break;
            default:
                LogRetry(envelope.Channel, envelope.Event.Headline, attempt.Detail);
                break;
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Notification to {Channel} delivered: {Headline} ({Detail})")]
    private partial void LogDelivered(string channel, string headline, string detail);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning,
        Message = "Notification to {Channel} not delivered yet: {Headline} ({Detail})")]
    private partial void LogRetry(string channel, string headline, string detail);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning,
        Message = "Notification to {Channel} dead-lettered: {Headline} ({Detail})")]
    private partial void LogDeadLettered(string channel, string headline, string detail);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning,
        Message = "The {Kind} sender threw {ExceptionType} for channel {Channel}")]
    private partial void LogSenderThrew(string kind, string channel, string exceptionType);
}

/// <summary>What became of one notification in this run.</summary>
public sealed record NotificationOutcome(
    NotificationEnvelope Envelope, NotificationStatus Status, string Detail, int Attempts, DateTimeOffset? RetryAt);
