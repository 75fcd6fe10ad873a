using System.Text;
using Frugal.Engine.Money;

namespace Frugal.Engine.Ledger;

/// <summary>Gives each currency met in the files a small id, reading the three letters without allocating.</summary>
internal sealed class CurrencyTable
{
    private readonly Dictionary<int, int> _idsByLetters = [];
    private readonly List<CurrencyCode> _codes = [];
    private int _lastLetters = -1;
    private int _lastId = -1;

    public CurrencyCode this[int id] => _codes[id];

    public int Count => _codes.Count;

    public int Intern(CurrencyCode code)
    {
        var index = _codes.IndexOf(code);
        if (index >= 0)
        {
            return index;
        }

        _codes.Add(code);
        return _codes.Count - 1;
    }

    /// <summary>Returns the id of the ISO 4217 code in <paramref name="text"/> (any case), or -1.</summary>
    public int Intern(ReadOnlySpan<byte> text)
    {
        var trimmed = text.Trim((byte)' ');
        if (trimmed.Length != 3)
        {
            return -1;
        }

        // Upper-casing ASCII letters by clearing bit 5 is enough for a key: anything else fails the lookup below.
        var letters = ((trimmed[0] & 0xDF) << 16) | ((trimmed[1] & 0xDF) << 8) | (trimmed[2] & 0xDF);
        if (letters == _lastLetters)
        {
            return _lastId;
        }

        if (_idsByLetters.TryGetValue(letters, out var id))
        {
            (_lastLetters, _lastId) = (letters, id);
            return id;
        }

        if (!CurrencyCode.TryParse(Encoding.ASCII.GetString(trimmed), out var code) || !Ascii.IsValid(trimmed))
        {
            return -1;
        }

        id = Intern(code);
        _idsByLetters.Add(letters, id);
        return id;
    }
}
