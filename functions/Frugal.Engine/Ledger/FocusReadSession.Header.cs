using System.Text.Unicode;

namespace Frugal.Engine.Ledger;

internal sealed partial class FocusReadSession
{
    /// <summary>
    /// Reads and checks the header, then prepares the scanner for the data rows. Returns false when more bytes are
    /// needed to see the whole header line.
    /// </summary>
    private bool TryReadHeader(FileProgress file, ReadOnlySpan<byte> data, bool final, ref int position)
    {
        var start = data.StartsWith("\uFEFF"u8) ? 3 : 0;
        if (final && data.Length == start)
        {
            throw new FrugalInputException($"{file.Path}: the file is empty");
        }

        var lineEnd = data[start..].IndexOf((byte)'\n');
        if (lineEnd < 0 && !final && data.Length - start <= CsvRecordScanner.MaxRecordBytes)
        {
            return false;
        }

        var line = lineEnd >= 0
            ? data.Slice(start, lineEnd)
            : data[start..Math.Min(data.Length, start + CsvRecordScanner.MaxRecordBytes)];
        CheckHeaderText(file.Path, line, complete: lineEnd >= 0 || final);

        var header = ParseHeader(file.Path, data, start, final, out var end);
        CheckRequiredColumns(header);
        _sink.BeginFile(header);

        var columnToSlot = Enumerable.Repeat(-1, header.Names.Count).ToArray();
        for (var slot = _slotColumns.Count - 1; slot >= 0; slot--)
        {
            var column = header.IndexOf(_slotColumns[slot]);
            if (column >= 0)
            {
                columnToSlot[column] = slot;
            }
        }

        file.Header = header;
        file.Scanner = new CsvRecordScanner(columnToSlot, _slotColumns.Count);
        file.Line = 2;
        position = end;
        return true;
    }

    private static void CheckHeaderText(string path, ReadOnlySpan<byte> line, bool complete)
    {
        if (line.Contains((byte)0) || (complete && !Utf8.IsValid(line)))
        {
            throw new FrugalInputException(
                $"{path}: the header is not UTF-8 text (binary data?); expected a FOCUS CSV export");
        }

        if (!complete)
        {
            throw new FrugalInputException(
                $"{path}: line 1: the header is longer than 1 MiB; expected a FOCUS CSV export");
        }

        if (line.Trim("\r \t"u8).IsEmpty)
        {
            throw new FrugalInputException($"{path}: line 1 is empty where the header should be");
        }

        if (!line.Contains((byte)','))
        {
            var separator = line.Contains((byte)';') ? "semicolons" : line.Contains((byte)'\t') ? "tabs" : null;
            if (separator is not null)
            {
                throw new FrugalInputException(
                    $"{path}: the header is separated by {separator}; FOCUS CSV must be comma-separated");
            }
        }
    }

    private static FocusHeader ParseHeader(string path, ReadOnlySpan<byte> data, int start, bool final, out int end)
    {
        var scanner = new CsvRecordScanner();
        var status = scanner.Scan(data, start, final, out var record);
        if (status != ScanStatus.Record || record.Fault is not null)
        {
            var reason = record.Fault ?? "a quoted column name runs past the end of the header";
            throw new FrugalInputException($"{path}: line 1: the header is malformed: {reason}");
        }

        if (record.LineBreaks > 1)
        {
            throw new FrugalInputException($"{path}: line 1: a column name in the header spans several lines");
        }

        end = record.End;
        return FocusHeader.Parse(path, data, scanner.AllFields);
    }

    private void CheckRequiredColumns(FocusHeader header)
    {
        foreach (var column in new[] { FocusColumns.ChargePeriodStart, MetricColumn })
        {
            if (!header.Contains(column))
            {
                throw new FrugalInputException($"{header.File}: the header has no {column} column");
            }
        }

        if (!header.Contains(FocusColumns.BillingCurrency) && _defaultCurrencyId < 0)
        {
            throw new FrugalInputException(
                $"{header.File}: the header has no BillingCurrency column; give a default currency (--currency CODE)");
        }
    }
}
