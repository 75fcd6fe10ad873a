namespace Frugal.Engine.Ledger;

/// <summary>
/// The values of a few tag keys for each distinct Tags cell, so that a row's JSON is parsed only the first time
/// its exact text is seen. Value ids are shared by all keys; -1 stands for a missing tag.
/// </summary>
internal sealed class TagValueTable(IReadOnlyList<string> keys)
{
    private readonly KeyBuilder _key = new();
    private readonly ByteKeyTable _cells = new();
    private readonly List<int[]?> _valuesByCell = [];
    private readonly Dictionary<string, int> _valueIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _values = [];
    private readonly int[] _missing = [.. keys.Select(_ => -1)];

    public string? Text(int valueId) => valueId < 0 ? null : _values[valueId];

    /// <summary>The value id of each key for the row's Tags cell; null when the cell is not a JSON object.</summary>
    public int[]? ValuesOf(in FocusRow row, int slot)
    {
        if (row.IsNull(slot))
        {
            return _missing;
        }

        _key.Reset();
        _key.AppendField(row, slot);
        var key = _key.Complete();
        var hash = ByteKeyTable.Hash(key);
        var cell = _cells.Find(key, hash);
        if (cell < 0)
        {
            cell = _cells.Add(key, hash);
            _valuesByCell.Add(FocusTags.TryParse(row, slot, out var tags) ? ValueIds(tags) : null);
        }

        return _valuesByCell[cell];
    }

    private int[] ValueIds(IReadOnlyDictionary<string, string> tags)
    {
        var ids = new int[keys.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = tags.TryGetValue(keys[i], out var value) ? Intern(value) : -1;
        }

        return ids;
    }

    private int Intern(string value)
    {
        if (!_valueIds.TryGetValue(value, out var id))
        {
            id = _values.Count;
            _values.Add(value);
            _valueIds.Add(value, id);
        }

        return id;
    }
}
