namespace Frugal.Cli.Output;

/// <summary>A plain aligned text table: headers, rows, two spaces between columns; numbers right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable AlignRight(params int[] columns)
    {
        _rightAligned.UnionWith(columns);
        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length)))
            .ToArray();
        WriteRow(writer, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => _rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
