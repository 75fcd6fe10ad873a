namespace Frugal.Engine.ModelArchive;

/// <summary>The journal of a state that does not exist yet, for plans that must write nothing.</summary>
public sealed class EmptyArchiveJournal : IArchiveJournal
{
    public static EmptyArchiveJournal Instance { get; } = new();

    private EmptyArchiveJournal()
    {
    }

    public Task<bool> BeginAsync(ArchiveJournalEntry entry, ArchiveLease lease, CancellationToken ct) =>
        throw ReadOnly();

    public Task<IReadOnlyList<ArchiveJournalEntry>> ClaimUnfinishedAsync(
        ArchiveLease lease, DateTimeOffset now, CancellationToken ct) => throw ReadOnly();

    public Task MarkObjectDoneAsync(string entryId, string objectName, CancellationToken ct) => throw ReadOnly();

    public Task SettleAsync(ArchiveSettlement settlement, CancellationToken ct) => throw ReadOnly();

    public Task RollBackAsync(string entryId, CancellationToken ct) => throw ReadOnly();

    public Task<IReadOnlyList<ArchiveJournalEntry>> ReadAsync(DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ArchiveJournalEntry>>([]);

    private static InvalidOperationException ReadOnly() =>
        new("there is no state to write to: open the state store before applying an archive plan");
}
