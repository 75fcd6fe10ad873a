using Frugal.Engine.Money;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Builds a <see cref="CostLedger"/> from cost records one at a time, for sources that are not FOCUS CSV (the
/// BigQuery billing export, Parquet files), and merges ledgers from several sources into one. Records with the same
/// charge period start, slice and currency are summed, as the CSV reader sums its rows.
/// </summary>
public sealed class CostLedgerBuilder
{
    private readonly Dictionary<string, int> _sliceIds = new(StringComparer.Ordinal);
    private readonly List<CostSlice> _slices = [];
    private readonly Dictionary<(long Ticks, int Slice, CurrencyCode Currency), (decimal Billed, decimal Effective)>
        _sums = [];
    private readonly List<RejectedRow> _rejected = [];
    private long _rowsRead;
    private long _rowsRejected;

    /// <summary>Adds one record's cost to its charge period, slice and currency.</summary>
    public void Add(
        DateTimeOffset chargePeriodStart, CostSlice slice, CurrencyCode currency, decimal billed, decimal effective)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var key = (chargePeriodStart.UtcTicks, Intern(slice), currency);
        _sums[key] = _sums.TryGetValue(key, out var sums)
            ? (sums.Billed + billed, sums.Effective + effective)
            : (billed, effective);
        _rowsRead++;
    }

    /// <summary>Counts a record that could not be read, keeping the first ones for reports.</summary>
    public void Reject(RejectedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rowsRead++;
        _rowsRejected++;
        if (_rejected.Count < 1000)
        {
            _rejected.Add(row);
        }
    }

    /// <summary>Adds every entry of another ledger, with its counts of rows read and rejected.</summary>
    public void Add(CostLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        foreach (var entry in ledger.Entries)
        {
            var slice = ledger.Slices[entry.SliceId];
            Add(entry.ChargePeriodStart, slice, entry.Currency, entry.BilledCost, entry.EffectiveCost);
        }

        _rowsRead += ledger.RowsRead - ledger.Entries.Count;
        _rowsRejected += ledger.RowsRejected;
        _rejected.AddRange(ledger.Rejected.Take(Math.Max(0, 1000 - _rejected.Count)));
    }

    public CostLedger Build()
    {
        var entries = _sums
            .Select(s => new LedgerEntry(
                new DateTimeOffset(s.Key.Ticks, TimeSpan.Zero), s.Key.Slice, s.Key.Currency, s.Value.Billed,
                s.Value.Effective))
            .OrderBy(e => e.ChargePeriodStart)
            .ThenBy(e => e.SliceId)
            .ThenBy(e => e.Currency.Code, StringComparer.Ordinal)
            .ToList();
        return new CostLedger([.. _slices], entries, _rowsRead, _rowsRejected, [.. _rejected]);
    }

    private int Intern(CostSlice slice)
    {
        var tags = string.Join('\u001E', slice.Tags.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
            .Select(t => $"{t.Key.ToUpperInvariant()}\u001F{t.Value}"));
        var key = string.Join('\u001D',
            slice.Provider, slice.BillingAccountId, slice.SubAccountId, slice.ServiceName, slice.RegionId, tags);
        if (!_sliceIds.TryGetValue(key, out var id))
        {
            id = _slices.Count;
            _slices.Add(slice);
            _sliceIds[key] = id;
        }

        return id;
    }
}
