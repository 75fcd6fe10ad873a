using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Frugal.Engine.Tests.Policies;

namespace Frugal.Engine.Tests.Insights;

/// <summary>
/// The bundled sample month read row by row with a plain CSV split written for these tests, so expected figures
/// come from the raw file and not from the reader or the analyser under test.
/// </summary>
internal static class RawSampleRows
{
    public static string Path { get; } =
        System.IO.Path.Combine(RepositoryRoot.Path, "samples", "focus", "ml-team-2026-11.csv.gz");

    public static IReadOnlyList<RawRow> All { get; } = Read();

    private static List<RawRow> Read()
    {
        using var file = File.OpenRead(Path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var header = Split(reader.ReadLine()!);
        var rows = new List<RawRow>();
        while (reader.ReadLine() is { } line)
        {
            var fields = Split(line);
            var cells = header.Select((name, i) => (name, fields[i])).ToDictionary(p => p.name, p => p.Item2);
            rows.Add(new RawRow(cells));
        }

        return rows;
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

/// <summary>One raw row: its cells by column name, with the few values the tests need parsed.</summary>
internal sealed record RawRow(IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells[column];

    public decimal Billed => decimal.Parse(Cells["BilledCost"], CultureInfo.InvariantCulture);

    public DateTime Start => DateTime.Parse(
        Cells["ChargePeriodStart"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    public string? Tag(string key)
    {
        if (Cells["Tags"].Length == 0)
        {
            return null;
        }

        using var json = JsonDocument.Parse(Cells["Tags"]);
        return json.RootElement.TryGetProperty(key, out var value) ? value.GetString() : null;
    }
}
