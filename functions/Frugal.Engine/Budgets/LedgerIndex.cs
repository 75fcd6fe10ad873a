using System.Collections.Concurrent;
using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Budgets;

/// <summary>
/// A read-only view of a <see cref="CostLedger"/> arranged for evaluating many budgets: slices are matched against
/// scopes through interned dimension values, and spend is bucketed by local day once per time zone, not per budget.
/// </summary>
public sealed class LedgerIndex
{
    private readonly CostLedger _ledger;
    private readonly DateTimeOffset[] _instants;
    private readonly SliceEntry[][] _entriesBySlice;
    private readonly ConcurrentDictionary<string, DailySpendTable> _daily = new(StringComparer.Ordinal);

    public LedgerIndex(CostLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;

        _instants = ledger.Entries.Select(e => e.ChargePeriodStart).Distinct().Order().ToArray();
        var instantIds = new Dictionary<DateTimeOffset, int>(_instants.Length);
        for (var i = 0; i < _instants.Length; i++)
        {
            instantIds[_instants[i]] = i;
        }

        var lists = new List<SliceEntry>[ledger.Slices.Count];
        foreach (var entry in ledger.Entries)
        {
            (lists[entry.SliceId] ??= []).Add(new SliceEntry(
                instantIds[entry.ChargePeriodStart], entry.Currency, entry.BilledCost, entry.EffectiveCost));
        }

        _entriesBySlice = lists.Select(l => l?.ToArray() ?? []).ToArray();
        Dimensions = new SliceDimensions(ledger.Slices);
    }

    public CostLedger Ledger => _ledger;

    /// <summary>The earliest and latest charge period starts in the ledger, or null when it is empty.</summary>
    public (DateTimeOffset First, DateTimeOffset Last)? Coverage =>
        _instants.Length == 0 ? null : (_instants[0], _instants[^1]);

    internal SliceDimensions Dimensions { get; }

    /// <summary>Ids of the slices a scope selects.</summary>
    public IReadOnlyList<int> Match(BudgetScope scope) => Dimensions.Match(scope);

    /// <summary>
    /// Spend by local day in <paramref name="zone"/> of the given slices, counting only charge periods that start
    /// before <paramref name="before"/>. Amounts in currencies other than <paramref name="currency"/> are summed
    /// separately and returned as <see cref="DailySpend.Elsewhere"/>, never mixed in.
    /// </summary>
    public DailySpend SpendByDay(
        IReadOnlyList<int> sliceIds,
        TimeZoneInfo zone,
        CurrencyCode currency,
        CostMetric metric,
        DateTimeOffset before)
    {
        var table = _daily.GetOrAdd(zone.Id, _ => new DailySpendTable(this, zone));
        return table.Sum(sliceIds, currency, metric, before);
    }

    private readonly record struct SliceEntry(int Instant, CurrencyCode Currency, decimal Billed, decimal Effective);

    /// <summary>Per-zone bucketing of each slice's entries into local days; built on first use.</summary>
    private sealed class DailySpendTable
    {
        private readonly LedgerIndex _index;
        private readonly DateOnly[] _dayOfInstant;

        public DailySpendTable(LedgerIndex index, TimeZoneInfo zone)
        {
            _index = index;
            _dayOfInstant = index._instants.Select(i => BudgetPeriod.LocalDay(zone, i)).ToArray();
        }

        public DailySpend Sum(IReadOnlyList<int> sliceIds, CurrencyCode currency, CostMetric metric, DateTimeOffset before)
        {
            var cutoff = CutoffIndex(before);
            var days = new SortedDictionary<DateOnly, decimal>();
            var elsewhere = new Dictionary<CurrencyCode, decimal>();

            foreach (var sliceId in sliceIds)
            {
                foreach (var entry in _index._entriesBySlice[sliceId])
                {
                    if (entry.Instant >= cutoff)
                    {
                        continue;
                    }

                    var amount = metric == CostMetric.EffectiveCost ? entry.Effective : entry.Billed;
                    if (entry.Currency != currency)
                    {
                        elsewhere[entry.Currency] = elsewhere.GetValueOrDefault(entry.Currency) + amount;
                        continue;
                    }

                    var day = _dayOfInstant[entry.Instant];
                    days[day] = days.GetValueOrDefault(day) + amount;
                }
            }

            return new DailySpend(days, elsewhere);
        }

        private int CutoffIndex(DateTimeOffset before)
        {
            var found = Array.BinarySearch(_index._instants, before);
            return found >= 0 ? found : ~found;
        }
    }
}

/// <summary>Spend by local day in one currency, and what was seen in other currencies.</summary>
public sealed record DailySpend(
    IReadOnlyDictionary<DateOnly, decimal> Days,
    IReadOnlyDictionary<CurrencyCode, decimal> Elsewhere)
{
    public decimal Between(DateOnly first, DateOnly last) =>
        Days.Where(d => d.Key >= first && d.Key <= last).Sum(d => d.Value);
}
