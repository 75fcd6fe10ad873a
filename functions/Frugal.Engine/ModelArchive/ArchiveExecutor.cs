using Microsoft.Extensions.Logging;

namespace Frugal.Engine.ModelArchive;

/// <summary>
/// Carries archive changes out through the journal, so a version is never left half-moved or half-deleted.
/// Every change rolls forward: a run that dies midway leaves its entry unfinished, and the next run (after the
/// lease runs out) applies the target class to the objects not yet marked done; changing an object's class
/// again, or deleting an object already gone, is harmless. A move that fails <see cref="MaxAttempts"/> times is
/// rolled back instead: its target becomes the class it came from and the same machinery returns every object
/// there. A delete never rolls back (what is deleted is gone); it keeps rolling forward and is reported failing.
/// </summary>
public sealed partial class ArchiveExecutor(IArchiveJournal journal, TimeProvider time, ILogger<ArchiveExecutor> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>How long a run holds an entry; a run that dies frees it for the next run after this.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(15);

    private readonly string _owner = $"archive-{Guid.NewGuid():N}";

    /// <summary>Completes every unfinished entry left by earlier runs (or waiting for rehydration).</summary>
    public async Task<IReadOnlyList<ArchiveOutcome>> ResumeAsync(
        IReadOnlyDictionary<string, IModelRegistry> registries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registries);
        var now = time.GetUtcNow();
        var entries = await journal.ClaimUnfinishedAsync(Lease(now), now, ct).ConfigureAwait(false);
        var outcomes = new List<ArchiveOutcome>(entries.Count);
        foreach (var entry in entries)
        {
            if (registries.TryGetValue(entry.Key.Registry, out var registry))
            {
                LogResuming(entry.Key.ToString(), entry.Operation.ToString(), entry.Done.Count, entry.Objects.Count);
                outcomes.Add(await RunAsync(entry, registry, ct).ConfigureAwait(false));
            }
            else
            {
                var detail = $"registry '{entry.Key.Registry}' is no longer in the policy; the change waits for it";
                await Settle(entry, entry.State, entry.Attempts, detail, ct).ConfigureAwait(false);
                outcomes.Add(new ArchiveOutcome(entry.Key, entry.Operation, entry.State, detail) { Failed = true });
            }
        }

        return outcomes;
    }

    /// <summary>Journals and carries out each decision of a plan.</summary>
    public async Task<IReadOnlyList<ArchiveOutcome>> ExecuteAsync(
        IReadOnlyList<ArchiveDecision> decisions, IReadOnlyDictionary<string, IModelRegistry> registries,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(registries);
        var outcomes = new List<ArchiveOutcome>(decisions.Count);
        foreach (var decision in decisions)
        {
            var registry = registries[decision.Key.Registry];
            var version = await registry.GetVersionAsync(decision.Key.Model, decision.Key.Version, ct)
                .ConfigureAwait(false);
            if (version is null)
            {
                continue;
            }

            var outcome = await StartAsync(version, registry, decision.Operation, decision.From, decision.To, ct)
                .ConfigureAwait(false);
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>Brings a version back to the hot class, or reports how far an earlier restore has come.</summary>
    public async Task<ArchiveOutcome> RestoreAsync(
        ModelVersionInfo version, IModelRegistry registry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(registry);
        return await StartAsync(version, registry, ArchiveOperation.Restore, version.Tier, StorageTier.Hot, ct)
            .ConfigureAwait(false);
    }

    private async Task<ArchiveOutcome> StartAsync(
        ModelVersionInfo version, IModelRegistry registry, ArchiveOperation operation, StorageTier from,
        StorageTier target, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var key = version.Key(registry.Name);
        var objects = operation == ArchiveOperation.Delete
            ? [.. version.Objects.Select(o => o.Name), MarkerServingHistory.MarkerName]
            : version.Objects.Where(o => o.Tier != target).Select(o => o.Name).ToList();
        var entry = new ArchiveJournalEntry(EntryId(key, operation, now), key, operation, from, target, objects, now);
        if (!await journal.BeginAsync(entry, Lease(now), ct).ConfigureAwait(false))
        {
            return new ArchiveOutcome(key, operation, ArchiveEntryState.Open,
                "another change of this version is unfinished; it is completed first");
        }

        return await RunAsync(entry, registry, ct).ConfigureAwait(false);
    }

    private async Task<ArchiveOutcome> RunAsync(
        ArchiveJournalEntry entry, IModelRegistry registry, CancellationToken ct)
    {
        try
        {
            foreach (var name in entry.Objects.Where(o => !entry.Done.Contains(o)))
            {
                await ApplyAsync(entry, registry, name, ct).ConfigureAwait(false);
                await journal.MarkObjectDoneAsync(entry.Id, name, ct).ConfigureAwait(false);
            }

            return await FinishAsync(entry, registry, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await FailAsync(entry, ex, ct).ConfigureAwait(false);
        }
    }

    private static Task ApplyAsync(
        ArchiveJournalEntry entry, IModelRegistry registry, string name, CancellationToken ct) =>
        entry.Operation == ArchiveOperation.Delete
            ? registry.DeleteAsync(entry.Key.Model, entry.Key.Version, name, ct)
            : registry.ChangeTierAsync(entry.Key.Model, entry.Key.Version, name, entry.Target, ct);

    private async Task<ArchiveOutcome> FinishAsync(
        ArchiveJournalEntry entry, IModelRegistry registry, CancellationToken ct)
    {
        RestoreProgress? progress = null;
        var state = entry.RollingBack ? ArchiveEntryState.RolledBack : ArchiveEntryState.Done;
        if (entry.Operation == ArchiveOperation.Restore)
        {
            var version = await registry.GetVersionAsync(entry.Key.Model, entry.Key.Version, ct).ConfigureAwait(false);
            progress = version is null ? null : RestoreProgress.Of(version);
            state = progress is { Complete: false } ? ArchiveEntryState.Rehydrating : ArchiveEntryState.Done;
        }

        var detail = Describe(entry, registry, state, progress);
        await Settle(entry, state, entry.Attempts, detail, ct).ConfigureAwait(false);
        LogSettled(entry.Key.ToString(), entry.Operation.ToString(), state.ToString(), detail);
        return new ArchiveOutcome(entry.Key, entry.Operation, state, detail, progress);
    }

    private async Task<ArchiveOutcome> FailAsync(ArchiveJournalEntry entry, Exception ex, CancellationToken ct)
    {
        var attempts = entry.Attempts + 1;
        var detail = $"attempt {attempts} failed: {ex.Message.ReplaceLineEndings(" ")}";
        LogFailed(ex, entry.Key.ToString(), entry.Operation.ToString(), attempts);
        if (entry.Operation == ArchiveOperation.Move && !entry.RollingBack && attempts >= MaxAttempts)
        {
            await journal.RollBackAsync(entry.Id, ct).ConfigureAwait(false);
            detail += $"; rolling back to {entry.From.ToString().ToLowerInvariant()} on the next run";
        }

        await Settle(entry, ArchiveEntryState.Open, attempts, detail, ct).ConfigureAwait(false);
        return new ArchiveOutcome(entry.Key, entry.Operation, ArchiveEntryState.Open, detail) { Failed = true };
    }

    private static string Describe(
        ArchiveJournalEntry entry, IModelRegistry registry, ArchiveEntryState state, RestoreProgress? progress) =>
        (entry.Operation, state) switch
        {
            (ArchiveOperation.Delete, _) => $"deleted {entry.Objects.Count} objects",
            (_, ArchiveEntryState.RolledBack) => $"rolled back to {registry.TierName(entry.Target)}",
            (ArchiveOperation.Restore, ArchiveEntryState.Rehydrating) =>
                $"rehydrating: {progress!.HotObjects} of {progress.Objects} objects hot "
                + $"({Gib(progress.HotBytes)} of {Gib(progress.Bytes)} GiB)",
            _ => $"{entry.Objects.Count} objects now {registry.TierName(entry.Target)}",
        };

    private static string Gib(long bytes) =>
        (bytes / (double)(1L << 30)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private Task Settle(
        ArchiveJournalEntry entry, ArchiveEntryState state, int attempts, string detail, CancellationToken ct) =>
        journal.SettleAsync(new ArchiveSettlement(entry.Id, state, attempts, detail, time.GetUtcNow()), ct);

    private ArchiveLease Lease(DateTimeOffset now) => new(_owner, now + LeaseTime);

    private static string EntryId(ModelVersionKey key, ArchiveOperation operation, DateTimeOffset at) =>
        $"{key}:{operation.ToString().ToLowerInvariant()}:{at.UtcTicks}:{Guid.NewGuid():N}";

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "Resuming {Operation} of {Version}: {Done} of {Objects} objects were done")]
    private partial void LogResuming(string version, string operation, int done, int objects);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "{Operation} of {Version}: {State}, {Detail}")]
    private partial void LogSettled(string version, string operation, string state, string detail);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning,
        Message = "{Operation} of {Version} failed (attempt {Attempts}); the next run completes it")]
    private partial void LogFailed(Exception exception, string version, string operation, int attempts);
}
