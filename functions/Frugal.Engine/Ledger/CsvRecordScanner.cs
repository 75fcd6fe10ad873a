namespace Frugal.Engine.Ledger;

/// <summary>
/// Finds RFC 4180 records in UTF-8 bytes and notes only the fields someone asked for. Quoted fields may hold
/// commas, doubled quotes and line breaks. Records are cut along a <see cref="CsvStructuralIndex"/>; a record
/// that does not come out with the expected shape is scanned again the slow, exact way, which also resets the
/// quote parity should a stray quote have upset it.
/// </summary>
internal sealed partial class CsvRecordScanner
{
    public const int MaxRecordBytes = 1024 * 1024;

    private readonly int[] _columnToSlot;
    private readonly CsvField[] _slots;
    private readonly List<CsvField>? _allFields;
    private readonly int _expectedFields;
    private readonly CsvStructuralIndex _index = new();
    private int _resumeAt = -1;

    /// <summary>A scanner for data rows: field <c>i</c> goes to slot <c>columnToSlot[i]</c> (-1: nowhere).</summary>
    public CsvRecordScanner(int[] columnToSlot, int slotCount)
    {
        _columnToSlot = columnToSlot;
        _expectedFields = columnToSlot.Length;
        _slots = new CsvField[slotCount];

        // Slots of columns the file lacks stay absent for good: a record never writes them.
        _slots.AsSpan().Fill(CsvField.Absent);
    }

    /// <summary>A scanner that keeps every field, for the header.</summary>
    public CsvRecordScanner()
    {
        _columnToSlot = [];
        _slots = [];
        _allFields = [];
    }

    public ReadOnlySpan<CsvField> Slots => _slots;

    public IReadOnlyList<CsvField> AllFields => _allFields ?? [];

    /// <summary>How many records had to be scanned again the exact way: none in a well-formed file.</summary>
    public int ExactRescans { get; private set; }

    /// <summary>Scans the record that begins at <paramref name="start"/>.</summary>
    /// <param name="final">True when no bytes follow <paramref name="data"/>: a last record may lack a newline.</param>
    public ScanStatus Scan(ReadOnlySpan<byte> data, int start, bool final, out CsvRecord record)
    {
        if (_allFields is not null)
        {
            return ScanExact(data, start, final, out record);
        }

        record = default;
        if (start >= data.Length)
        {
            return final ? ScanStatus.EndOfData : ScanStatus.NeedMore;
        }

        if (start != _resumeAt)
        {
            _index.Restart(start);
        }

        var status = ScanIndexed(data, start, final, out record);
        _resumeAt = status == ScanStatus.Record ? record.End : -1;
        return status;
    }

    private ScanStatus ScanIndexed(ReadOnlySpan<byte> data, int start, bool final, out CsvRecord record)
    {
        var fieldStart = start;
        var field = 0;
        var breaks = 0;
        while (true)
        {
            if (!_index.TryNext(data, out var position))
            {
                return EndOfIndexedData(data, start, fieldStart, field, breaks, final, out record);
            }

            if (position < 0)
            {
                // A line break inside quotes belongs in a quoted field; in any other field it means stray quotes
                // have joined two lines, and only the exact scan can tell where the records really end.
                if (data[fieldStart] != (byte)'"')
                {
                    return Rescan(data, start, final, out record);
                }

                breaks++;
                continue;
            }

            var isComma = data[position] == (byte)',';
            var end = !isComma && position > fieldStart && data[position - 1] == (byte)'\r' ? position - 1 : position;
            if (!TryStoreIndexed(data, field++, fieldStart, end))
            {
                return Rescan(data, start, final, out record);
            }

            if (isComma)
            {
                fieldStart = position + 1;
                continue;
            }

            var blank = field == 1 && end == fieldStart;
            if (!blank && field != _expectedFields)
            {
                return Rescan(data, start, final, out record);
            }

            return Complete(start, position + 1, field, breaks + 1, blank, null, out record);
        }
    }

    private ScanStatus EndOfIndexedData(
        ReadOnlySpan<byte> data, int start, int fieldStart, int field, int breaks, bool final, out CsvRecord record)
    {
        record = default;
        if (!final)
        {
            return NeedMore(data, start);
        }

        var end = TrimCarriageReturn(data[fieldStart..], data.Length - fieldStart) + fieldStart;
        if (_index.EndsInsideQuotes || !TryStoreIndexed(data, field++, fieldStart, end) || field != _expectedFields)
        {
            return Rescan(data, start, final, out record);
        }

        return Complete(start, data.Length, field, breaks, false, null, out record);
    }

    /// <summary>
    /// Scans the record again the exact way, then restarts the index after it: quote parity is known to be even
    /// at a record boundary, whatever a stray quote did to the index.
    /// </summary>
    private ScanStatus Rescan(ReadOnlySpan<byte> data, int start, bool final, out CsvRecord record)
    {
        ExactRescans++;
        var status = ScanExact(data, start, final, out record);
        if (status == ScanStatus.Record)
        {
            _index.Restart(record.End);
        }

        return status;
    }

    private bool TryStoreIndexed(ReadOnlySpan<byte> data, int column, int start, int end)
    {
        var length = end - start;
        if (length > 0 && data[start] == (byte)'"')
        {
            if (length < 2 || data[end - 1] != (byte)'"')
            {
                return false;
            }

            Store(column, new CsvField { Start = start + 1, Length = length - 2, Quoted = true });
            return true;
        }

        Store(column, new CsvField { Start = start, Length = length });
        return true;
    }

    private void Store(int column, CsvField field)
    {
        if (_allFields is not null)
        {
            _allFields.Add(field);
        }
        else if ((uint)column < (uint)_columnToSlot.Length && _columnToSlot[column] >= 0)
        {
            _slots[_columnToSlot[column]] = field;
        }
    }

    private static int TrimCarriageReturn(ReadOnlySpan<byte> rest, int length) =>
        length > 0 && rest[length - 1] == (byte)'\r' ? length - 1 : length;

    private static ScanStatus NeedMore(ReadOnlySpan<byte> data, int start) =>
        data.Length - start > MaxRecordBytes ? ScanStatus.TooLong : ScanStatus.NeedMore;

    private static ScanStatus Complete(
        int start, int end, int fields, int breaks, bool blank, string? fault, out CsvRecord record)
    {
        record = new CsvRecord(start, end, fields, breaks, blank, fault);
        return end - start > MaxRecordBytes ? ScanStatus.TooLong : ScanStatus.Record;
    }
}
