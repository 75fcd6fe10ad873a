using Frugal.Engine.Money;

namespace Frugal.Engine.Ledger;

/// <summary>
/// The dimensions a budget scope can filter on. Slices are interned: rows with the same values share one slice.
/// </summary>
public sealed record CostSlice(
    string Provider,
    string BillingAccountId,
    string SubAccountId,
    string ServiceName,
    string RegionId,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>Cost of one slice in one charge period and currency, summed over every row that shares them.</summary>
public readonly record struct LedgerEntry(
    DateTimeOffset ChargePeriodStart,
    int SliceId,
    CurrencyCode Currency,
    decimal BilledCost,
    decimal EffectiveCost);

/// <summary>A row that could not be read, with the line on which its record starts (the header is line 1).</summary>
public sealed record RejectedRow(string File, long Line, string Reason);

/// <summary>Spend aggregated for budget evaluation: entries by charge period start, slice and currency.</summary>
public sealed class CostLedger
{
    public CostLedger(
        IReadOnlyList<CostSlice> slices,
        IReadOnlyList<LedgerEntry> entries,
        long rowsRead,
        long rowsRejected,
        IReadOnlyList<RejectedRow> rejected)
    {
        Slices = slices;
        Entries = entries;
        RowsRead = rowsRead;
        RowsRejected = rowsRejected;
        Rejected = rejected;
    }

    public static CostLedger Empty { get; } = new([], [], 0, 0, []);

    /// <summary>Slices by id: <see cref="LedgerEntry.SliceId"/> indexes this list.</summary>
    public IReadOnlyList<CostSlice> Slices { get; }

    public IReadOnlyList<LedgerEntry> Entries { get; }

    /// <summary>Data rows seen, rejected ones included.</summary>
    public long RowsRead { get; }

    public long RowsRejected { get; }

    /// <summary>The first rejected rows (capped), for reports.</summary>
    public IReadOnlyList<RejectedRow> Rejected { get; }
}
