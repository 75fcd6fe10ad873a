namespace Frugal.Engine.Ledger;

internal sealed partial class CsvRecordScanner
{
    /// <summary>
    /// Scans byte by byte (by vector searches) from <paramref name="start"/>: slower than the structural index, but
    /// it reads a stray quote inside an unquoted field as text and finds where a broken record really ends.
    /// </summary>
    private ScanStatus ScanExact(ReadOnlySpan<byte> data, int start, bool final, out CsvRecord record)
    {
        record = default;
        if (start >= data.Length)
        {
            return final ? ScanStatus.EndOfData : ScanStatus.NeedMore;
        }

        _allFields?.Clear();
        var pos = start;
        var field = 0;
        var breaks = 0;
        while (true)
        {
            if (pos >= data.Length)
            {
                if (!final)
                {
                    return NeedMore(data, start);
                }

                Store(field++, new CsvField { Start = pos });
                return Complete(start, pos, field, breaks, false, null, out record);
            }

            if (data[pos] == (byte)'"')
            {
                var quoted = ScanQuotedField(data, start, pos, final, field, breaks, out record);
                if (quoted.Status != ScanStatus.Record || quoted.Done)
                {
                    return quoted.Status;
                }

                (pos, breaks) = (quoted.Next, quoted.Breaks);
                field++;
                continue;
            }

            var rest = data[pos..];
            var index = rest.IndexOfAny((byte)',', (byte)'\n');
            if (index < 0)
            {
                if (!final)
                {
                    return NeedMore(data, start);
                }

                var length = TrimCarriageReturn(rest, rest.Length);
                Store(field++, new CsvField { Start = pos, Length = length });
                return Complete(start, data.Length, field, breaks, field == 1 && length == 0, null, out record);
            }

            if (rest[index] == (byte)',')
            {
                Store(field++, new CsvField { Start = pos, Length = index });
                pos += index + 1;
                continue;
            }

            var last = TrimCarriageReturn(rest, index);
            Store(field++, new CsvField { Start = pos, Length = last });
            return Complete(start, pos + index + 1, field, breaks + 1, field == 1 && last == 0, null, out record);
        }
    }

    private QuotedOutcome ScanQuotedField(
        ReadOnlySpan<byte> data, int start, int pos, bool final, int field, int breaks, out CsvRecord record)
    {
        record = default;
        var found = FindClosingQuote(data, pos, final, out var close);
        if (found == ScanStatus.NeedMore)
        {
            return QuotedOutcome.Stop(NeedMore(data, start));
        }

        if (found == ScanStatus.EndOfData)
        {
            breaks += data[pos..].Count((byte)'\n');
            Store(field, new CsvField { Start = pos + 1, Length = data.Length - pos - 1, Quoted = true });
            const string Unclosed = "a quoted field is not closed before the end of the file";
            return QuotedOutcome.Stop(Complete(start, data.Length, field + 1, breaks, false, Unclosed, out record));
        }

        breaks += data[(pos + 1)..close].Count((byte)'\n');
        Store(field, new CsvField { Start = pos + 1, Length = close - pos - 1, Quoted = true });
        var next = close + 1;
        if (next >= data.Length || (data[next] == (byte)'\r' && next + 1 >= data.Length))
        {
            return final
                ? QuotedOutcome.Stop(Complete(start, data.Length, field + 1, breaks, false, null, out record))
                : QuotedOutcome.Stop(NeedMore(data, start));
        }

        if (data[next] == (byte)',')
        {
            return QuotedOutcome.Continue(next + 1, breaks);
        }

        if (data[next] == (byte)'\n' || (data[next] == (byte)'\r' && data[next + 1] == (byte)'\n'))
        {
            var end = next + (data[next] == (byte)'\n' ? 1 : 2);
            return QuotedOutcome.Stop(Complete(start, end, field + 1, breaks + 1, false, null, out record));
        }

        return QuotedOutcome.Stop(SkipGarbageLine(data, start, next, final, field + 1, breaks, out record));
    }

    // Text after a closing quote (`"a"b,`) has no sound reading: the rest of the line goes with the bad record.
    private ScanStatus SkipGarbageLine(
        ReadOnlySpan<byte> data, int start, int next, bool final, int fields, int breaks, out CsvRecord record)
    {
        record = default;
        var fault = $"unexpected text after the closing quote of field {fields}";
        var newline = data[next..].IndexOf((byte)'\n');
        if (newline >= 0)
        {
            return Complete(start, next + newline + 1, fields, breaks + 1, false, fault, out record);
        }

        return final ? Complete(start, data.Length, fields, breaks, false, fault, out record) : NeedMore(data, start);
    }

    /// <summary>Record when the closing quote is found, EndOfData when the file ends inside the field.</summary>
    private static ScanStatus FindClosingQuote(ReadOnlySpan<byte> data, int open, bool final, out int close)
    {
        close = -1;
        var pos = open + 1;
        while (true)
        {
            var index = data[pos..].IndexOf((byte)'"');
            if (index < 0)
            {
                return final ? ScanStatus.EndOfData : ScanStatus.NeedMore;
            }

            pos += index;
            if (pos + 1 >= data.Length && !final)
            {
                return ScanStatus.NeedMore;
            }

            if (pos + 1 < data.Length && data[pos + 1] == (byte)'"')
            {
                pos += 2;
                continue;
            }

            close = pos;
            return ScanStatus.Record;
        }
    }

    private readonly record struct QuotedOutcome(ScanStatus Status, bool Done, int Next, int Breaks)
    {
        public static QuotedOutcome Stop(ScanStatus status) => new(status, true, 0, 0);

        public static QuotedOutcome Continue(int next, int breaks) => new(ScanStatus.Record, false, next, breaks);
    }
}
