using System.Globalization;
using Frugal.Engine.Training;

namespace Frugal.Google.Compute;

internal sealed partial class ComputeEngineClient
{
    private const string PreemptedType = "compute.instances.preempted";

    // Compute compares insertTime as text, and writes it with the zone's offset (-07:00): a bound in UTC would
    // miss operations whose local text sorts earlier. The server's bound is a day early; the exact one is applied
    // here, on parsed times.
    private static readonly TimeSpan OffsetMargin = TimeSpan.FromDays(1);

    // Longer than any operation lasts; a longer or infinite timeout means "until it is done or cancelled".
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(7);

    public async Task<ComputeOperation> WaitAsync(ZoneOperationRef operation, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var deadline = timeout == Timeout.InfiniteTimeSpan || timeout > MaxWait
            ? DateTimeOffset.MaxValue
            : _time.GetUtcNow() + timeout;
        while (true)
        {
            var started = _time.GetUtcNow();
            var latest = await WaitOnceAsync(operation, deadline - started, ct).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (latest.IsDone || now >= deadline)
            {
                return latest;
            }

            // wait may answer at once, unfinished, when Google is busy: never poll faster than PollInterval.
            var pause = Min(_options.PollInterval - (now - started), deadline - now);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _time, ct).ConfigureAwait(false);
            }
        }
    }

    public async Task<IReadOnlyList<ComputeOperation>> ListPreemptionsAsync(
        string project, string zone, DateTimeOffset since, CancellationToken ct)
    {
        var bound = (since - OffsetMargin).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var filter = $"(operationType = \"{PreemptedType}\") AND (insertTime >= \"{bound}\")";
        var found = new List<ComputeOperation>();
        string? page = null;
        do
        {
            var listing = await GuardAsync(
                $"listing preemptions in {zone}",
                c => SendAsync<OperationListPage>(
                    HttpMethod.Get, ListPath(Zone(project, zone), "operations", filter, page), null, c),
                ct).ConfigureAwait(false);
            found.AddRange((listing.Items ?? [])
                .Select(o => ComputeReadings.Operation(o, project, zone))
                .Where(o => o.OperationType == PreemptedType && o.InsertTime >= since));
            page = listing.NextPageToken;
        }
        while (!string.IsNullOrEmpty(page));

        LogPreemptions(_log, found.Count, zone, since);
        return found;
    }

    public async Task<ComputeOperation> SetMetadataAsync(
        InstanceRef instance, IReadOnlyDictionary<string, string> items, string fingerprint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        var current = await GetAsync(instance, ct).ConfigureAwait(false)
            ?? throw new ComputeRequestException($"setting metadata on {instance.Name}: the instance does not exist",
                404, transient: false);

        // setMetadata replaces every item. The fingerprint sent is the caller's, not the one just read: if the
        // items changed since the caller read them, Google refuses (412) rather than the merge losing a change.
        var merged = new Dictionary<string, string>(current.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in items)
        {
            merged[key] = value;
        }

        var body = new MetadataBody(fingerprint,
            [.. merged.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MetadataItem(m.Key, m.Value))]);
        var requestId = ComputeRequestIds.ToUuid(MetadataChangeId(instance, items, fingerprint));
        LogSettingMetadata(_log, instance.Name, instance.Zone, string.Join(',', items.Keys));
        return await GuardAsync(
            $"setting metadata on {instance.Name}",
            async c => ComputeReadings.Operation(
                await SendAsync<OperationResource>(HttpMethod.Post,
                    $"{InstancePath(instance)}/setMetadata?requestId={requestId}", body, c, safeToRetry: true)
                    .ConfigureAwait(false),
                instance.Project, instance.Zone),
            ct).ConfigureAwait(false);
    }

    // The same change asked again (a retry after a lost answer) is recognised by Google instead of failing on the
    // fingerprint its own first success changed.
    private static string MetadataChangeId(
        InstanceRef instance, IReadOnlyDictionary<string, string> items, string fingerprint) =>
        string.Join('\n', new[] { "setMetadata", instance.Project, instance.Zone, instance.Name, fingerprint }
            .Concat(items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}")));

    private async Task<ComputeOperation> WaitOnceAsync(
        ZoneOperationRef operation, TimeSpan remaining, CancellationToken ct)
    {
        var path = $"{Zone(operation.Project, operation.Zone)}/operations/{Escape(operation.Name)}";
        var what = $"waiting for operation {operation.Name}";
        if (remaining <= TimeSpan.Zero)
        {
            return await ReadOperationAsync(what, c => _waits.GetAsync(path, c), operation, ct).ConfigureAwait(false);
        }

        // One wait call never needs longer than its own client allows; the bound only cuts it at the deadline.
        using var timer = new CancellationTokenSource(Min(remaining, _options.WaitAttemptTimeout * 4), _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return await ReadOperationAsync(what, c => _waits.WaitAsync(path, c), operation, bounded.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return await ReadOperationAsync(what, c => _waits.GetAsync(path, c), operation, ct).ConfigureAwait(false);
        }
    }

    private static async Task<ComputeOperation> ReadOperationAsync(
        string what,
        Func<CancellationToken, Task<OperationResource>> read,
        ZoneOperationRef at,
        CancellationToken ct) =>
        ComputeReadings.Operation(await GuardAsync(what, read, ct).ConfigureAwait(false), at.Project, at.Zone);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
