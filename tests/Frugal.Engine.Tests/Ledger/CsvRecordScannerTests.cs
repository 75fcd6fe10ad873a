using System.Text;
using Frugal.Engine.Ledger;

namespace Frugal.Engine.Tests.Ledger;

/// <summary>
/// The indexed scanner against a plain reference reading of RFC 4180, on random records full of the awkward
/// cases: quoted commas, doubled quotes, line breaks (LF and CRLF) inside and between records, empty fields.
/// </summary>
public sealed class CsvRecordScannerTests
{
    private const int Columns = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Scan_RandomWellFormedRecords_MatchTheReferenceReading(int seed)
    {
        var random = new Random(seed);
        var records = Enumerable.Range(0, 400).Select(_ => RandomRecord(random)).ToList();
        var text = string.Concat(records.Select(record => Encode(record) + (random.Next(3) == 0 ? "\r\n" : "\n")));

        var (scanned, rescans) = ScanAll(Encoding.UTF8.GetBytes(text));

        Assert.Equal(0, rescans);
        Assert.Equal(records.Count, scanned.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i], scanned[i].Fields);
        }

        Assert.Equal(text.Count(c => c == '\n'), scanned.Sum(record => record.LineBreaks));
    }

    [Fact]
    public void Scan_LastRecordWithoutNewline_IsComplete()
    {
        var (scanned, rescans) = ScanAll(Encoding.UTF8.GetBytes("a,b,c,d,e,f\n1,2,3,4,5,\"6\""));

        Assert.Equal(["1", "2", "3", "4", "5", "6"], scanned[1].Fields);
        Assert.Equal(0, rescans);
    }

    [Fact]
    public void Scan_StrayQuoteInUnquotedField_IsRescannedAsTextAndParityRecovers()
    {
        var text = "a,b,c,d,e,f\n1,12\" rack,3,4,5,6\n" + string.Concat(Enumerable.Repeat("1,\"x\",3,4,5,6\n", 50));

        var (scanned, rescans) = ScanAll(Encoding.UTF8.GetBytes(text));

        Assert.Equal(52, scanned.Count);
        Assert.Equal("12\" rack", scanned[1].Fields[1]);
        Assert.All(scanned.Skip(2), record => Assert.Equal("x", record.Fields[1]));
        Assert.InRange(rescans, 1, 2);
    }

    [Fact]
    public void Scan_StrayQuotesJoiningTwoLinesIntoTheRightFieldCount_AreStillCutAtTheLineBreak()
    {
        var text = "a,b,c,d,e,f\n1,x\"y,3,4,5,6\n2\"w,5,6,7,8\n";

        var (scanned, rescans) = ScanAll(Encoding.UTF8.GetBytes(text));

        Assert.Equal(3, scanned.Count);
        Assert.Equal(["1", "x\"y", "3", "4", "5", "6"], scanned[1].Fields);
        Assert.Equal(2, rescans);
    }

    private static (List<(string[] Fields, int LineBreaks)> Records, int Rescans) ScanAll(byte[] data)
    {
        var scanner = new CsvRecordScanner([.. Enumerable.Range(0, Columns)], Columns);
        var result = new List<(string[], int)>();
        var position = 0;
        while (scanner.Scan(data, position, final: true, out var record) == ScanStatus.Record)
        {
            var fields = new string[Columns];
            for (var slot = 0; slot < Columns; slot++)
            {
                Assert.True(new FocusRow(data, scanner.Slots).TryGetString(slot, out var value));
                fields[slot] = value ?? string.Empty;
            }

            result.Add((fields, record.LineBreaks));
            position = record.End;
        }

        return (result, scanner.ExactRescans);
    }

    private static string[] RandomRecord(Random random)
    {
        string[] pieces = ["a", "Compute Engine", ",", "\"", "\"\"", "\n", "\r\n", "{\"k\":\"v\"}", "é", "7.5", " "];
        return [.. Enumerable.Range(0, Columns).Select(_ => string.Concat(
            Enumerable.Range(0, random.Next(0, 5)).Select(_ => pieces[random.Next(pieces.Length)])))];
    }

    // Quote what needs quoting, and a few fields that do not, as exporters do.
    private static string Encode(string[] fields) => string.Join(',', fields.Select((field, i) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || i % 4 == 3
            ? '"' + field.Replace("\"", "\"\"", StringComparison.Ordinal) + '"'
            : field));
}
