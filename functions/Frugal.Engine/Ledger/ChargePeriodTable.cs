namespace Frugal.Engine.Ledger;

/// <summary>
/// Gives each distinct ChargePeriodStart a dense id. Consecutive rows of an export nearly always share the
/// timestamp, so the bytes of the last one are kept and a repeat costs one comparison instead of a parse.
/// </summary>
internal sealed class ChargePeriodTable
{
    private readonly Dictionary<long, int> _idsByTicks = [];
    private readonly List<DateTimeOffset> _starts = [];
    private readonly byte[] _lastText = new byte[64];
    private int _lastLength = -1;
    private int _lastId;

    public DateTimeOffset this[int id] => _starts[id];

    public int Count => _starts.Count;

    /// <summary>Returns the id of the timestamp written in <paramref name="text"/>, or -1 if it is not one.</summary>
    public int Intern(ReadOnlySpan<byte> text)
    {
        if (text.Length == _lastLength && text.SequenceEqual(_lastText.AsSpan(0, _lastLength)))
        {
            return _lastId;
        }

        if (!FocusTimestamp.TryParse(text, out var start))
        {
            return -1;
        }

        if (!_idsByTicks.TryGetValue(start.UtcTicks, out var id))
        {
            id = _starts.Count;
            _starts.Add(start);
            _idsByTicks.Add(start.UtcTicks, id);
        }

        if (text.Length <= _lastText.Length)
        {
            text.CopyTo(_lastText);
            _lastLength = text.Length;
            _lastId = id;
        }

        return id;
    }
}
