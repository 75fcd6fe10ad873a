namespace Frugal.Engine.ModelArchive;

/// <summary>
/// The archive journal in state. A version's change is recorded as an intent (the objects and the target class)
/// before the first object is touched, each object is marked as it is done, and the entry is settled at the end;
/// a run that dies midway leaves the entry unfinished and the next run completes it. Implementations must keep at
/// most one unfinished entry per version and give an unfinished entry to one owner at a time (a lease).
/// </summary>
public interface IArchiveJournal
{
    /// <summary>Records the intent, leased to its owner. False, recording nothing, when the version has one.</summary>
    Task<bool> BeginAsync(ArchiveJournalEntry entry, ArchiveLease lease, CancellationToken ct);

    /// <summary>Unfinished entries whose lease is free or has run out, now leased to this owner.</summary>
    Task<IReadOnlyList<ArchiveJournalEntry>> ClaimUnfinishedAsync(
        ArchiveLease lease, DateTimeOffset now, CancellationToken ct);

    Task MarkObjectDoneAsync(string entryId, string objectName, CancellationToken ct);

    /// <summary>Ends an attempt: the entry's new state, attempts so far and a detail; the lease is released.</summary>
    Task SettleAsync(ArchiveSettlement settlement, CancellationToken ct);

    /// <summary>Turns a failing move around: its target becomes the class it came from and progress restarts.</summary>
    Task RollBackAsync(string entryId, CancellationToken ct);

    /// <summary>Every unfinished entry and every entry started at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<ArchiveJournalEntry>> ReadAsync(DateTimeOffset since, CancellationToken ct);
}

public enum ArchiveEntryState
{
    /// <summary>Begun or failed midway: the next run completes it.</summary>
    Open,

    /// <summary>A restore whose objects were asked back from an archive class and are not all hot yet.</summary>
    Rehydrating,

    Done,

    /// <summary>A move that kept failing and was returned whole to the class it came from.</summary>
    RolledBack,
}

/// <summary>One journaled change of one version.</summary>
public sealed record ArchiveJournalEntry(
    string Id,
    ModelVersionKey Key,
    ArchiveOperation Operation,
    StorageTier From,
    StorageTier Target,
    IReadOnlyList<string> Objects,
    DateTimeOffset StartedAt)
{
    public IReadOnlySet<string> Done { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public ArchiveEntryState State { get; init; } = ArchiveEntryState.Open;

    public int Attempts { get; init; }

    public bool RollingBack { get; init; }

    public string? Detail { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsUnfinished => State is ArchiveEntryState.Open or ArchiveEntryState.Rehydrating;
}

/// <summary>Who holds an unfinished entry, and until when.</summary>
public sealed record ArchiveLease(string Owner, DateTimeOffset Until);

/// <summary>How an attempt at an entry ended.</summary>
public sealed record ArchiveSettlement(
    string EntryId, ArchiveEntryState State, int Attempts, string Detail, DateTimeOffset At);
