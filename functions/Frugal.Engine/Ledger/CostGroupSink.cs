using System.Runtime.InteropServices;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Ledger;

/// <summary>Answers a <see cref="FocusCostQuery"/>: sums per group key and currency over the chosen period.</summary>
internal sealed class CostGroupSink : FocusRowSink
{
    private readonly CostGroupColumn[] _columns;
    private readonly FocusCostQuery _query;
    private readonly KeyBuilder _key = new();
    private readonly ByteKeyTable _groupKeys = new();
    private readonly List<string?[]> _groupValues = [];
    private readonly Dictionary<long, int> _sumIndexes = [];
    private readonly List<(int Group, int Currency, decimal Cost)> _sums = [];
    private readonly List<sbyte> _periodInRange = [];
    private readonly TagValueTable? _tags;
    private int[] _slots = [];
    private int _tagsSlot = -1;

    public CostGroupSink(FocusCostQuery query)
    {
        _query = query;
        _columns = [.. query.GroupBy.Select(CostGroupColumn.Parse)];
        var tagKeys = _columns.Where(column => column.IsTag).Select(column => column.TagKey!).ToArray();
        _tags = tagKeys.Length > 0 ? new TagValueTable(tagKeys) : null;
    }

    public override bool ReadsOtherMetric => false;

    public override IReadOnlyList<string> Columns =>
        [.. _columns.Select(column => column.Column ?? FocusColumns.Tags)];

    public override void Bind(IReadOnlyList<int> slots)
    {
        _slots = [.. slots];
        var tagColumn = Array.FindIndex(_columns, column => column.IsTag);
        _tagsSlot = tagColumn < 0 ? -1 : _slots[tagColumn];
    }

    public override void BeginFile(FocusHeader header)
    {
        foreach (var column in _columns)
        {
            if (!column.IsTag && !column.IsFocusColumn && !header.Contains(column.Column!))
            {
                throw new FrugalInputException(
                    $"{header.File}: unknown group-by column '{column.Name}': not a FOCUS column nor in the header");
            }
        }
    }

    public override string? Accept(in FocusRow row, in FocusRowValues values)
    {
        if (!InRange(values.ChargePeriodId, row))
        {
            return null;
        }

        var fault = BuildKey(row);
        if (fault is not null)
        {
            return fault;
        }

        var key = _key.Complete();
        var hash = ByteKeyTable.Hash(key);
        var group = _groupKeys.Find(key, hash);
        if (group < 0)
        {
            fault = TryReadGroupValues(row, out var groupValues);
            if (fault is not null)
            {
                return fault;
            }

            group = _groupKeys.Add(key, hash);
            _groupValues.Add(groupValues);
        }

        var packed = ((long)values.CurrencyId << 32) | (uint)group;
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_sumIndexes, packed, out var exists);
        if (!exists)
        {
            index = _sums.Count;
            _sums.Add((group, values.CurrencyId, 0m));
        }

        CollectionsMarshal.AsSpan(_sums)[index].Cost += values.Metric;
        return null;
    }

    public FocusCostReport ToReport(FocusReadSession session, CostMetric metric)
    {
        var groups = _sums
            .Select(sum => new CostGroup(
                _groupValues[sum.Group], new Money.Money(sum.Cost, session.Currencies[sum.Currency])))
            .OrderByDescending(group => group.Cost.Amount)
            .ThenBy(group => group.Currency.Code, StringComparer.Ordinal)
            .ThenBy(group => string.Join('\u001F', group.Key), StringComparer.Ordinal)
            .ToArray();
        var totals = groups
            .GroupBy(group => group.Currency)
            .Select(byCurrency => new Money.Money(byCurrency.Sum(group => group.Cost.Amount), byCurrency.Key))
            .OrderBy(total => total.Currency.Code, StringComparer.Ordinal)
            .ToArray();
        return new FocusCostReport(
            metric, [.. _columns.Select(column => column.Name)], groups, totals,
            session.RowsRead, session.RowsRejected, session.Rejected);
    }

    private bool InRange(int chargePeriodId, in FocusRow row)
    {
        if (_query.From is null && _query.To is null)
        {
            return true;
        }

        while (_periodInRange.Count <= chargePeriodId)
        {
            _periodInRange.Add(0);
        }

        if (_periodInRange[chargePeriodId] == 0)
        {
            var start = FocusTimestamp.TryParse(row.Raw(0), out var parsed) ? parsed : default;
            var inside = (_query.From is not { } from || start >= from) && (_query.To is not { } to || start < to);
            _periodInRange[chargePeriodId] = inside ? (sbyte)1 : (sbyte)-1;
        }

        return _periodInRange[chargePeriodId] > 0;
    }

    private string? BuildKey(in FocusRow row)
    {
        _key.Reset();
        var tagValues = _tags?.ValuesOf(row, _tagsSlot);
        if (_tags is not null && tagValues is null)
        {
            return "Tags is not a JSON object";
        }

        var tag = 0;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i].IsTag)
            {
                _key.AppendInt(tagValues![tag++]);
            }
            else
            {
                _key.AppendField(row, _slots[i]);
            }
        }

        return null;
    }

    private string? TryReadGroupValues(in FocusRow row, out string?[] values)
    {
        values = new string?[_columns.Length];
        var tagValues = _tags?.ValuesOf(row, _tagsSlot);
        var tag = 0;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i].IsTag)
            {
                values[i] = _tags!.Text(tagValues![tag++]);
            }
            else if (!row.TryGetString(_slots[i], out values[i]))
            {
                return $"{_columns[i].Name} is not valid UTF-8";
            }
        }

        return null;
    }
}
