using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Frugal.Engine.Ledger;

namespace Frugal.Cli.Commands;

/// <summary>Prints a <see cref="FocusCostReport"/> as a table, JSON or CSV; amounts keep every digit.</summary>
internal static class CostReportWriter
{
    private const string NullCell = "(none)";

    public static Task WriteAsync(FocusCostReport report, CostReportFormat format, bool withFiles, TextWriter output) =>
        format switch
        {
            CostReportFormat.Json => output.WriteAsync(ToJson(report, withFiles)),
            CostReportFormat.Csv => output.WriteAsync(ToCsv(report)),
            _ => output.WriteAsync(ToTable(report)),
        };

    public static string ToJson(FocusCostReport report, bool withFiles)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("metric", report.Metric.ToString());
            json.WriteStartArray("groupBy");
            report.GroupBy.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            WriteGroups(json, report);
            WriteTotals(json, report);
            json.WriteNumber("rowsRead", report.RowsRead);
            json.WriteNumber("rowsRejected", report.RowsRejected);
            WriteRejected(json, report, withFiles);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string ToCsv(FocusCostReport report)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', report.GroupBy.Append("Currency").Append("Cost").Select(Escape)).Append('\n');
        foreach (var group in report.Groups)
        {
            var cells = group.Key.Select(value => value ?? string.Empty)
                .Append(group.Currency.Code)
                .Append(Amount(group.Cost.Amount));
            text.AppendJoin(',', cells.Select(Escape)).Append('\n');
        }

        return text.ToString();
    }

    public static string ToTable(FocusCostReport report)
    {
        var header = report.GroupBy.Append("Currency").Append("Cost").ToArray();
        var rows = report.Groups
            .Select(group => group.Key.Select(value => value ?? NullCell)
                .Append(group.Currency.Code)
                .Append(Amount(group.Cost.Amount))
                .ToArray())
            .ToList();
        var totals = report.Totals
            .Select(total => Enumerable.Range(0, report.GroupBy.Count).Select(i => i == 0 ? "Total" : string.Empty)
                .Append(total.Currency.Code)
                .Append(Amount(total.Amount))
                .ToArray())
            .ToList();
        if (report.GroupBy.Count == 0)
        {
            rows.Clear();
        }

        return AlignedTable.Render(header, rows, totals);
    }

    private static void WriteGroups(Utf8JsonWriter json, FocusCostReport report)
    {
        json.WriteStartArray("groups");
        foreach (var group in report.Groups)
        {
            json.WriteStartObject();
            json.WriteStartObject("key");
            for (var i = 0; i < report.GroupBy.Count; i++)
            {
                json.WriteString(report.GroupBy[i], group.Key[i]);
            }

            json.WriteEndObject();
            json.WriteString("currency", group.Currency.Code);
            json.WriteString("cost", Amount(group.Cost.Amount));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTotals(Utf8JsonWriter json, FocusCostReport report)
    {
        json.WriteStartArray("totals");
        foreach (var total in report.Totals)
        {
            json.WriteStartObject();
            json.WriteString("currency", total.Currency.Code);
            json.WriteString("cost", Amount(total.Amount));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRejected(Utf8JsonWriter json, FocusCostReport report, bool withFiles)
    {
        json.WriteStartArray("rejected");
        foreach (var row in report.Rejected)
        {
            json.WriteStartObject();
            if (withFiles)
            {
                json.WriteString("file", row.File);
            }

            json.WriteNumber("line", row.Line);
            json.WriteString("reason", row.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Amount(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
}
