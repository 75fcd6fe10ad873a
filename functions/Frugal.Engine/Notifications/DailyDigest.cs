using System.Globalization;
using Frugal.Engine.Budgets;
using Frugal.Engine.Insights;
using Frugal.Engine.Planning;
using Frugal.Engine.Policies;
using Frugal.Engine.State;

namespace Frugal.Engine.Notifications;

/// <summary>
/// The daily digest: once per local day (in <c>notifications.digest.timeZone</c>), from <c>digest.at</c> on, every
/// budget's state, forecast and the day's actions go to the channels routed for <c>dailyDigest</c>. Its key is the
/// date, so however many runs see the day, each channel gets one digest.
/// </summary>
public sealed class DailyDigest(IStateStore store, TimeProvider time, IRecommendationSource? recommendations = null)
{
    private const int TopRecommendations = 3;

    /// <summary>
    /// Records today's digest for each routed channel that has not had it, when it is due (or when
    /// <paramref name="now"/> is forced). Returns the channels it was newly recorded for and those that had it.
    /// </summary>
    public async Task<DigestRecording> RecordAsync(
        FrugalPolicy policy, IReadOnlyList<BudgetStatus> statuses, bool force, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(statuses);
        var now = time.GetUtcNow();
        var zone = TimeZones.Resolve(policy.Notifications.DigestTimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var channels = NotificationRouter.Channels(
            policy, NotificationEventKind.DailyDigest, NotificationSeverity.Info);
        if (channels.Count == 0 || (!force && TimeOnly.FromDateTime(local.DateTime) < policy.Notifications.DigestAt))
        {
            return new DigestRecording(day, [], []);
        }

        var digest = await BuildAsync(policy, statuses, zone, day, now, ct).ConfigureAwait(false);
        var told = NotificationEvents.Digest(digest, now);
        var envelopes = channels.Select(c => new NotificationEnvelope(c, told)).ToList();
        var audit = new AuditEntry(now, AuditKind.Digest, told.Headline, Key: told.Key,
            Outcome: $"for {string.Join(", ", channels)}");
        var recorded = await store.RecordEventAsync(audit, envelopes, ct).ConfigureAwait(false);
        var fresh = recorded.Select(e => e.Channel).ToList();
        return new DigestRecording(day, fresh, [.. channels.Except(fresh, StringComparer.Ordinal)]);
    }

    private async Task<DigestFacts> BuildAsync(
        FrugalPolicy policy, IReadOnlyList<BudgetStatus> statuses, TimeZoneInfo zone, DateOnly day,
        DateTimeOffset now, CancellationToken ct)
    {
        var start = new BudgetPeriod(BudgetPeriodKind.Day, day, day, zone).Start;
        var settled = await store.ActionsSettledAsync(start, now, ct).ConfigureAwait(false);
        return new DigestFacts
        {
            Day = day,
            TimeZone = policy.Notifications.DigestTimeZone,
            Budgets = [.. statuses.Select(s => NotificationEvents.Facts(s))],
            Actions = [.. settled.Select(Line)],
            Savings = Savings(settled),
            Recommendations = await TopRecommendationsAsync(policy, ct).ConfigureAwait(false),
        };
    }

    // A digest goes out even when the recommendations cannot be worked out, whatever the reason (a file unreadable,
    // a registry unreachable); it then says why. The budget run around it must never fail for a recommendation.
    private async Task<IReadOnlyList<string>> TopRecommendationsAsync(FrugalPolicy policy, CancellationToken ct)
    {
        if (recommendations is null)
        {
            return [];
        }

        try
        {
            var found = await recommendations.RecommendAsync(policy, ct).ConfigureAwait(false);
            return [.. found.Take(TopRecommendations).Select(r =>
                $"{r.Title}: {r.MonthlySavingText} (evidence: frugal report)")];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return [$"recommendations could not be worked out: {ex.Message}"];
        }
    }

    private static string Line(SettledAction settled)
    {
        var what = BudgetPlanner.Describe(settled.Action.Rule, settled.Action.Target, settled.Action.Budget);
        var status = settled.Action.DryRun && settled.Status == ActionStatus.Skipped
            ? "dry-run, not done"
            : settled.Status.ToString().ToLowerInvariant();
        return $"{settled.Action.Budget}: {what} ({status})";
    }

    /// <summary>
    /// Counts only actions carried out today whose handler estimated the saving, and says so. No handler sets
    /// <see cref="ActionResult.Saved"/> yet, so until the autoscaling and training adapters estimate it the digest
    /// says "not known yet".
    /// </summary>
    private static string Savings(IReadOnlyList<SettledAction> settled)
    {
        var estimated = settled.Where(s => s.Status == ActionStatus.Succeeded && s.Saved is not null).ToList();
        if (estimated.Count == 0)
        {
            return "not known yet: no action carried out today came with an estimate of what it saves";
        }

        var totals = estimated.GroupBy(s => s.Saved!.Value.Currency)
            .Select(g => NotificationText.Money(g.Sum(s => s.Saved!.Value.Amount), g.Key.Code));
        var count = estimated.Count.ToString(CultureInfo.InvariantCulture);
        return $"{string.Join(" + ", totals)}, the estimates of {count} action(s) carried out today " +
               "(actions without an estimate are not counted)";
    }
}

/// <summary>Which channels a digest was newly recorded for, and which had already had that day's digest.</summary>
public sealed record DigestRecording(DateOnly Day, IReadOnlyList<string> Recorded, IReadOnlyList<string> AlreadySent);
