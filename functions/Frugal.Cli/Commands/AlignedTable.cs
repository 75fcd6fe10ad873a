using System.Text;

namespace Frugal.Cli.Commands;

/// <summary>A plain-text table: columns padded to their widest cell, the last (an amount) right-aligned.</summary>
internal static class AlignedTable
{
    public static string Render(
        IReadOnlyList<string> header, IReadOnlyList<string[]> rows, IReadOnlyList<string[]> footer)
    {
        var widths = header.Select(name => name.Length).ToArray();
        foreach (var row in rows.Concat(footer))
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        AppendRow(text, [.. header], widths);
        text.AppendJoin("  ", widths.Select(width => new string('-', width))).Append('\n');
        foreach (var row in rows)
        {
            AppendRow(text, row, widths);
        }

        if (footer.Count > 0 && rows.Count > 0)
        {
            text.AppendJoin("  ", widths.Select(width => new string('-', width))).Append('\n');
        }

        foreach (var row in footer)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            text.Append(last ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
            text.Append(last ? "\n" : "  ");
        }
    }
}
