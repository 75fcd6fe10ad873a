using System.Collections.Concurrent;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// A read-only view of a <see cref="CostLedger"/> arranged for evaluating many budgets: entries grouped by slice in
/// flat arrays, scopes matched through an inverted index, and each charge period's local day worked out once per
/// time zone rather than once per budget. Safe to share between threads.
/// <para>
/// Known limit: it is built from the ledger's entry list, copying every entry once; at 5.9 million entries that
/// build is about half of a plan's time (docs/benchmarks.md). Filling these arrays straight from the FOCUS reader
/// would remove the copy.
/// </para>
/// </summary>
public sealed class LedgerIndex
{
    private readonly long[] _instantTicks;
    private readonly int[] _sliceStart;
    private readonly int[] _instant;
    private readonly byte[] _currencyId;
    private readonly CurrencyCode[] _currencies;
    private readonly EntryAmounts _billed;
    private readonly EntryAmounts _effective;
    private readonly ConcurrentDictionary<string, int[]> _dayOfInstant = new(StringComparer.Ordinal);

    public LedgerIndex(CostLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Ledger = ledger;
        var entries = ledger.Entries;

        _currencies = entries.Select(e => e.Currency).Distinct().ToArray();
        if (_currencies.Length > byte.MaxValue)
        {
            throw new InvalidDataException("a ledger holds more than 255 currencies");
        }

        (_instantTicks, var rankOf) = DistinctInstants(entries);
        _sliceStart = SliceOffsets(entries, ledger.Slices.Count);
        _instant = new int[entries.Count];
        _currencyId = new byte[entries.Count];
        var billed = new decimal[entries.Count];
        var effective = new decimal[entries.Count];
        var next = _sliceStart[..^1];
        var (lastTicks, lastRank) = (long.MinValue, 0);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = next[entry.SliceId]++;
            billed[at] = entry.BilledCost;
            effective[at] = entry.EffectiveCost;
            var ticks = entry.ChargePeriodStart.UtcTicks;
            if (ticks != lastTicks)
            {
                (lastTicks, lastRank) = (ticks, rankOf[ticks]);
            }

            _instant[at] = lastRank;
            _currencyId[at] = (byte)Array.IndexOf(_currencies, entry.Currency);
        }

        _billed = EntryAmounts.Create(billed);
        _effective = EntryAmounts.Create(effective);
        Dimensions = new SliceDimensions(ledger.Slices);
    }

    public CostLedger Ledger { get; }

    /// <summary>The earliest and latest charge period starts in the ledger, or null when it is empty.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? Coverage => _instantTicks.Length == 0
        ? null
        : (new DateTimeOffset(_instantTicks[0], TimeSpan.Zero), new DateTimeOffset(_instantTicks[^1], TimeSpan.Zero));

    internal SliceDimensions Dimensions { get; }

    /// <summary>Ids of the slices a scope selects.</summary>
    public IReadOnlyList<int> Match(BudgetScope scope) => Dimensions.Match(scope);

    /// <summary>
    /// Spend by local day in <paramref name="zone"/> of the given slices, counting only charge periods that start
    /// before <paramref name="before"/>. Amounts in other currencies than <paramref name="currency"/> are summed
    /// apart into <see cref="DailySpend.Elsewhere"/>.
    /// </summary>
    public DailySpend SpendByDay(
        IReadOnlyList<int> sliceIds, TimeZoneInfo zone, CurrencyCode currency, CostMetric metric, DateTimeOffset before)
    {
        ArgumentNullException.ThrowIfNull(sliceIds);
        ArgumentNullException.ThrowIfNull(zone);
        var elsewhere = new Dictionary<CurrencyCode, decimal>();
        if (_instantTicks.Length == 0)
        {
            return new DailySpend(DateOnly.MinValue, [], elsewhere);
        }

        var dayOf = _dayOfInstant.GetOrAdd(zone.Id, _ => LocalDays(zone));
        var firstDay = BudgetPeriod.LocalDay(zone, new DateTimeOffset(_instantTicks[0], TimeSpan.Zero));
        var cutoff = Array.BinarySearch(_instantTicks, before.UtcTicks);
        var scan = new Scan(sliceIds, cutoff >= 0 ? cutoff : ~cutoff, dayOf);
        var amounts = metric == CostMetric.EffectiveCost ? _effective : _billed;

        var days = new decimal[dayOf[^1] + 1];
        var currencyId = Array.IndexOf(_currencies, currency);
        if (currencyId >= 0)
        {
            amounts.SumByDay(this, scan, (byte)currencyId, days);
        }

        if (_currencies.Length > 1)
        {
            for (var other = 0; other < _currencies.Length; other++)
            {
                if (other != currencyId)
                {
                    var total = new decimal[days.Length];
                    amounts.SumByDay(this, scan, (byte)other, total);
                    if (total.Any(t => t != 0m))
                    {
                        elsewhere[_currencies[other]] = total.Sum();
                    }
                }
            }
        }

        return new DailySpend(firstDay, days, elsewhere);
    }

    private static (long[] Ticks, Dictionary<long, int> RankOf) DistinctInstants(IReadOnlyList<LedgerEntry> entries)
    {
        var distinct = new HashSet<long>();
        foreach (var entry in entries)
        {
            distinct.Add(entry.ChargePeriodStart.UtcTicks);
        }

        var ticks = distinct.Order().ToArray();
        var rankOf = new Dictionary<long, int>(ticks.Length);
        for (var r = 0; r < ticks.Length; r++)
        {
            rankOf[ticks[r]] = r;
        }

        return (ticks, rankOf);
    }

    private static int[] SliceOffsets(IReadOnlyList<LedgerEntry> entries, int sliceCount)
    {
        var start = new int[sliceCount + 1];
        foreach (var entry in entries)
        {
            start[entry.SliceId + 1]++;
        }

        for (var s = 1; s < start.Length; s++)
        {
            start[s] += start[s - 1];
        }

        return start;
    }

    private int[] LocalDays(TimeZoneInfo zone)
    {
        var first = BudgetPeriod.LocalDay(zone, new DateTimeOffset(_instantTicks[0], TimeSpan.Zero)).DayNumber;
        return _instantTicks
            .Select(t => BudgetPeriod.LocalDay(zone, new DateTimeOffset(t, TimeSpan.Zero)).DayNumber - first)
            .ToArray();
    }

    private readonly record struct Scan(IReadOnlyList<int> Slices, int Cutoff, int[] DayOf);

    /// <summary>
    /// One metric's amounts in slice order: whole nanos in 64-bit integers when every amount has at most nine
    /// decimals (several times faster to sum, and exact), else decimals.
    /// </summary>
    private sealed class EntryAmounts
    {
        private readonly long[]? _nanos;
        private readonly decimal[]? _decimals;

        private EntryAmounts(long[]? nanos, decimal[]? decimals) => (_nanos, _decimals) = (nanos, decimals);

        public static EntryAmounts Create(decimal[] decimals) =>
            FixedPoint.TryConvert(decimals, out var nanos) ? new(nanos, null) : new(null, decimals);

        public void SumByDay(LedgerIndex index, Scan scan, byte currency, decimal[] days)
        {
            if (_nanos is null || !TrySumNanos(index, scan, currency, _nanos, days))
            {
                SumDecimals(index, scan, currency, days);
            }
        }

        // A sum that would overflow 64 bits (over nine billion in one day) falls back to decimals.
        private static bool TrySumNanos(LedgerIndex index, Scan scan, byte currency, long[] nanos, decimal[] days)
        {
            var sums = new long[days.Length];
            try
            {
                foreach (var slice in scan.Slices)
                {
                    for (var i = index._sliceStart[slice]; i < index._sliceStart[slice + 1]; i++)
                    {
                        if (index._instant[i] < scan.Cutoff && index._currencyId[i] == currency)
                        {
                            var day = scan.DayOf[index._instant[i]];
                            sums[day] = checked(sums[day] + nanos[i]);
                        }
                    }
                }
            }
            catch (OverflowException)
            {
                return false;
            }

            for (var d = 0; d < days.Length; d++)
            {
                days[d] = FixedPoint.ToDecimal(sums[d]);
            }

            return true;
        }

        private void SumDecimals(LedgerIndex index, Scan scan, byte currency, decimal[] days)
        {
            var amounts = _decimals ?? _nanos!.Select(FixedPoint.ToDecimal).ToArray();
            foreach (var slice in scan.Slices)
            {
                for (var i = index._sliceStart[slice]; i < index._sliceStart[slice + 1]; i++)
                {
                    if (index._instant[i] < scan.Cutoff && index._currencyId[i] == currency)
                    {
                        days[scan.DayOf[index._instant[i]]] += amounts[i];
                    }
                }
            }
        }
    }
}
