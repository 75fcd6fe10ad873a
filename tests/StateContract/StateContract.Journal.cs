using Frugal.Engine.ModelArchive;

namespace Frugal.Testing.StateContract;

public abstract partial class StateContract
{
    private static readonly ModelVersionKey Version = new("models", "resnet/50", "3");

    [Fact]
    public async Task BeginAsync_VersionAlreadyUnfinished_RecordsNothing()
    {
        var journal = (await OpenAsync()).Journal;
        await journal.BeginAsync(Entry("e1", 3), Lease("a", 15), CancellationToken.None);

        var second = await journal.BeginAsync(Entry("e2", 3), Lease("b", 15), CancellationToken.None);

        Assert.False(second);
        Assert.Equal(["e1"], (await journal.ReadAsync(Now, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task BeginAsync_ProcessesRacingOnOneVersion_OneBegins()
    {
        var journals = new List<IArchiveJournal>();
        for (var i = 0; i < 4; i++)
        {
            journals.Add((await OpenAsync()).Journal);
        }

        var begun = await Task.WhenAll(journals.Select((j, i) => Task.Run(() =>
            j.BeginAsync(Entry($"e{i}", 2), Lease($"owner{i}", 15), CancellationToken.None))));

        Assert.Single(begun, b => b);
    }

    [Fact]
    public async Task BeginAsync_MoreObjectsThanOneTransaction_AllKeptInOrder()
    {
        var journal = (await OpenAsync()).Journal;
        var entry = Entry("big", 250);

        Assert.True(await journal.BeginAsync(entry, Lease("a", 15), CancellationToken.None));

        var read = Assert.Single(await journal.ReadAsync(Now, CancellationToken.None));
        Assert.Equal(entry.Objects, read.Objects);
    }

    [Fact]
    public async Task ClaimUnfinishedAsync_LeaseHeld_GivenToAnotherOnlyAfterItRunsOut()
    {
        var journal = (await OpenAsync()).Journal;
        await journal.BeginAsync(Entry("e1", 2), Lease("a", 15), CancellationToken.None);

        var whileHeld = await journal.ClaimUnfinishedAsync(Lease("b", 30), Now.AddMinutes(5), CancellationToken.None);
        var after = await journal.ClaimUnfinishedAsync(Lease("b", 30), Now.AddMinutes(16), CancellationToken.None);

        Assert.Empty(whileHeld);
        Assert.Equal(["e1"], after.Select(e => e.Id));
    }

    [Fact]
    public async Task MarkObjectDoneAsync_ThenRollBack_ProgressRestartsTowardsTheOrigin()
    {
        var journal = (await OpenAsync()).Journal;
        await journal.BeginAsync(Entry("e1", 3), Lease("a", 15), CancellationToken.None);
        await journal.MarkObjectDoneAsync("e1", "file-1.bin", CancellationToken.None);
        var midway = Assert.Single(await journal.ReadAsync(Now, CancellationToken.None));

        await journal.RollBackAsync("e1", CancellationToken.None);

        Assert.Equal(["file-1.bin"], midway.Done);
        var back = Assert.Single(await journal.ReadAsync(Now, CancellationToken.None));
        Assert.Empty(back.Done);
        Assert.True(back.RollingBack);
        Assert.Equal(StorageTier.Hot, back.Target);
        Assert.Equal(0, back.Attempts);
    }

    [Fact]
    public async Task SettleAsync_Done_FreesTheVersionForANewEntry()
    {
        var journal = (await OpenAsync()).Journal;
        await journal.BeginAsync(Entry("e1", 1), Lease("a", 15), CancellationToken.None);

        await journal.SettleAsync(new ArchiveSettlement("e1", ArchiveEntryState.Done, 1, "moved", Now.AddMinutes(1)),
            CancellationToken.None);
        var again = await journal.BeginAsync(Entry("e2", 1), Lease("a", 15), CancellationToken.None);

        Assert.True(again);
        var done = Assert.Single(await journal.ReadAsync(Now, CancellationToken.None), e => e.Id == "e1");
        Assert.Equal(ArchiveEntryState.Done, done.State);
        Assert.Equal("moved", done.Detail);
        Assert.Equal(Now.AddMinutes(1), done.FinishedAt);
        var claimable = await journal.ClaimUnfinishedAsync(Lease("b", 15), Now.AddDays(1), CancellationToken.None);
        Assert.DoesNotContain(claimable, e => e.Id == "e1");
    }

    [Fact]
    public async Task SettleAsync_FailedAttempt_StaysUnfinishedAndClaimable()
    {
        var journal = (await OpenAsync()).Journal;
        await journal.BeginAsync(Entry("e1", 1), Lease("a", 15), CancellationToken.None);

        await journal.SettleAsync(new ArchiveSettlement("e1", ArchiveEntryState.Open, 1, "503", Now),
            CancellationToken.None);

        Assert.False(await journal.BeginAsync(Entry("e2", 1), Lease("b", 15), CancellationToken.None));
        var claimed = Assert.Single(await journal.ClaimUnfinishedAsync(Lease("b", 15), Now, CancellationToken.None));
        Assert.Equal(1, claimed.Attempts);
    }

    [Fact]
    public async Task ReadAsync_FinishedBeforeSince_LeftOut()
    {
        var journal = (await OpenAsync()).Journal;
        await journal.BeginAsync(Entry("e1", 1), Lease("a", 15), CancellationToken.None);
        await journal.SettleAsync(new ArchiveSettlement("e1", ArchiveEntryState.Done, 1, "moved", Now),
            CancellationToken.None);

        Assert.Empty(await journal.ReadAsync(Now.AddDays(1), CancellationToken.None));
    }

    private static ArchiveJournalEntry Entry(string id, int objects) =>
        new(id, Version, ArchiveOperation.Move, StorageTier.Hot, StorageTier.Cold,
            [.. Enumerable.Range(0, objects).Select(i => $"file-{i}.bin")], Now);

    private static ArchiveLease Lease(string owner, int minutes) => new(owner, Now.AddMinutes(minutes));
}
