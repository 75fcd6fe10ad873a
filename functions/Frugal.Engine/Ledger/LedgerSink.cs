using System.Runtime.InteropServices;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Ledger;

/// <summary>Builds the <see cref="CostLedger"/>: sums per charge period start, interned slice and currency.</summary>
internal sealed class LedgerSink(CostMetric metric) : FocusRowSink
{
    private static readonly string[] SliceColumns =
    [
        FocusColumns.ProviderName, FocusColumns.BillingAccountId, FocusColumns.SubAccountId,
        FocusColumns.ServiceName, FocusColumns.RegionId, FocusColumns.Tags,
    ];

    private readonly KeyBuilder _key = new();
    private readonly ByteKeyTable _sliceKeys = new();
    private readonly List<CostSlice> _slices = [];
    private readonly Dictionary<long, int> _entryIndexes = [];
    private readonly List<Sums> _sums = [];
    private int[] _slots = [];

    public override bool ReadsOtherMetric => true;

    public override IReadOnlyList<string> Columns => SliceColumns;

    public override void Bind(IReadOnlyList<int> slots) => _slots = [.. slots];

    public override string? Accept(in FocusRow row, in FocusRowValues values)
    {
        _key.Reset();
        foreach (var slot in _slots)
        {
            _key.AppendField(row, slot);
        }

        var key = _key.Complete();
        var hash = ByteKeyTable.Hash(key);
        var slice = _sliceKeys.Find(key, hash);
        if (slice < 0)
        {
            var fault = TryCreateSlice(row, out var created);
            if (fault is not null)
            {
                return fault;
            }

            slice = _sliceKeys.Add(key, hash);
            _slices.Add(created!);
        }

        // Charge period ids stay far below 2^23 (hourly periods for centuries), currencies below 2^8.
        var packed = ((long)values.ChargePeriodId << 40) | ((long)values.CurrencyId << 32) | (uint)slice;
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_entryIndexes, packed, out var exists);
        if (!exists)
        {
            index = _sums.Count;
            _sums.Add(new Sums(values.ChargePeriodId, slice, values.CurrencyId));
        }

        ref var sums = ref CollectionsMarshal.AsSpan(_sums)[index];
        sums.Metric += values.Metric;
        sums.OtherMetric += values.OtherMetric;
        return null;
    }

    public CostLedger ToLedger(FocusReadSession session)
    {
        var entries = new LedgerEntry[_sums.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var sums = _sums[i];
            var (billed, effective) = metric == CostMetric.BilledCost
                ? (sums.Metric, sums.OtherMetric)
                : (sums.OtherMetric, sums.Metric);
            entries[i] = new LedgerEntry(
                session.ChargePeriods[sums.ChargePeriodId], sums.SliceId, session.Currencies[sums.CurrencyId],
                billed, effective);
        }

        Array.Sort(entries, CompareEntries);
        return new CostLedger(_slices, entries, session.RowsRead, session.RowsRejected, session.Rejected);
    }

    private string? TryCreateSlice(in FocusRow row, out CostSlice? slice)
    {
        slice = null;
        var values = new string[SliceColumns.Length - 1];
        for (var i = 0; i < values.Length; i++)
        {
            if (!row.TryGetString(_slots[i], out var value))
            {
                return $"{SliceColumns[i]} is not valid UTF-8";
            }

            values[i] = value ?? string.Empty;
        }

        var tags = FocusTags.Empty;
        var tagsSlot = _slots[^1];
        if (!row.IsNull(tagsSlot) && !FocusTags.TryParse(row, tagsSlot, out tags))
        {
            return "Tags is not a JSON object";
        }

        slice = new CostSlice(values[0], values[1], values[2], values[3], values[4], tags);
        return null;
    }

    private static int CompareEntries(LedgerEntry left, LedgerEntry right)
    {
        var byStart = left.ChargePeriodStart.CompareTo(right.ChargePeriodStart);
        if (byStart != 0)
        {
            return byStart;
        }

        var bySlice = left.SliceId.CompareTo(right.SliceId);
        return bySlice != 0 ? bySlice : string.CompareOrdinal(left.Currency.Code, right.Currency.Code);
    }

    private record struct Sums(int ChargePeriodId, int SliceId, int CurrencyId)
    {
        public decimal Metric { get; set; }

        public decimal OtherMetric { get; set; }
    }
}
