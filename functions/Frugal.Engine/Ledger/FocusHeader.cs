using System.Text;

namespace Frugal.Engine.Ledger;

/// <summary>The column names of one file's header, looked up ignoring letter case (the first of twins wins).</summary>
internal sealed class FocusHeader
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.OrdinalIgnoreCase);

    public FocusHeader(string file, IReadOnlyList<string> names)
    {
        File = file;
        Names = names;
        for (var i = 0; i < names.Count; i++)
        {
            _indexes.TryAdd(names[i], i);
        }
    }

    public string File { get; }

    public IReadOnlyList<string> Names { get; }

    public int IndexOf(string column) => _indexes.GetValueOrDefault(column, -1);

    public bool Contains(string column) => _indexes.ContainsKey(column);

    /// <summary>The header's own spelling of a column, for columns that are not FOCUS columns.</summary>
    public string SpellingOf(string column) => Names[IndexOf(column)];

    public static FocusHeader Parse(string file, ReadOnlySpan<byte> data, IReadOnlyList<CsvField> fields)
    {
        var names = new string[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var text = Encoding.UTF8.GetString(data.Slice(field.Start, field.Length));
            names[i] = (field.Quoted ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text).Trim();
        }

        return new FocusHeader(file, names);
    }
}
