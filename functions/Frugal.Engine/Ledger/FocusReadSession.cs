using System.Buffers;
using Frugal.Engine.Policies;

namespace Frugal.Engine.Ledger;

/// <summary>
/// Reads FOCUS files into a <see cref="FocusRowSink"/>: one pooled buffer per file, records found in place, only the
/// columns in use parsed. Memory stays flat whatever the file size; a record is capped at 1 MiB.
/// </summary>
internal sealed partial class FocusReadSession
{
    // Small enough to stay in a core's L2 cache while the kernel copies into it and the scanner reads it back;
    // it grows, up to twice the record cap, only for a record that does not fit.
    private const int BufferBytes = 256 * 1024;
    private const int MaxBufferBytes = 2 * CsvRecordScanner.MaxRecordBytes;
    private const int ChargePeriodSlot = 0;
    private const int CurrencySlot = 1;
    private const int MetricSlot = 2;
    private const int OtherMetricSlot = 3;
    private const int PerRowWarnings = 10;

    private readonly FocusReadOptions _options;
    private readonly FocusRowSink _sink;
    private readonly List<string> _slotColumns = [];
    private readonly List<RejectedRow> _rejected = [];
    private readonly int _defaultCurrencyId = -1;

    public FocusReadSession(FocusReadOptions options, FocusRowSink sink)
    {
        _options = options;
        _sink = sink;
        _slotColumns.AddRange(
            [FocusColumns.ChargePeriodStart, FocusColumns.BillingCurrency, MetricColumn, OtherColumn]);
        sink.Bind(sink.Columns.Select(SlotOf).ToArray());
        if (options.DefaultCurrency is { } currency)
        {
            _defaultCurrencyId = Currencies.Intern(currency);
        }
    }

    public ChargePeriodTable ChargePeriods { get; } = new();

    public CurrencyTable Currencies { get; } = new();

    public long RowsRead { get; private set; }

    public long RowsRejected { get; private set; }

    public IReadOnlyList<RejectedRow> Rejected => _rejected;

    private string MetricColumn => _options.Metric.ToString();

    private string OtherColumn =>
        (_options.Metric == CostMetric.BilledCost ? CostMetric.EffectiveCost : CostMetric.BilledCost).ToString();

    public async Task ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            await ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
    }

    private int SlotOf(string column)
    {
        var index = _slotColumns.FindIndex(name => string.Equals(name, column, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return index;
        }

        _slotColumns.Add(column);
        return _slotColumns.Count - 1;
    }

    private async Task ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = FocusFileSource.Open(path);
        await using var _ = stream.ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var file = new FileProgress(path);
            var filled = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (total, ended) = await FillAsync(stream, buffer, filled, path, cancellationToken)
                    .ConfigureAwait(false);
                var consumed = ReadRecords(file, buffer.AsSpan(0, total), ended);
                if (ended)
                {
                    break;
                }

                if (consumed == 0 && total == buffer.Length && buffer.Length < MaxBufferBytes)
                {
                    buffer = Grow(buffer, total);
                }
                else
                {
                    buffer.AsSpan(consumed, total - consumed).CopyTo(buffer);
                }

                filled = total - consumed;
            }

            EndFile(file);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int used)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private static async Task<(int Filled, bool Ended)> FillAsync(
        Stream stream, byte[] buffer, int filled, string path, CancellationToken cancellationToken)
    {
        try
        {
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (filled, true);
                }

                filled += read;
            }

            return (filled, false);
        }
        catch (InvalidDataException ex)
        {
            throw new FrugalInputException($"{path}: corrupt gzip data: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new FrugalInputException($"{path}: cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the whole records of <paramref name="data"/>; returns where the partial one starts.</summary>
    private int ReadRecords(FileProgress file, ReadOnlySpan<byte> data, bool final)
    {
        var position = 0;
        if (file.Scanner is null && !TryReadHeader(file, data, final, ref position))
        {
            return 0;
        }

        var scanner = file.Scanner!;
        while (true)
        {
            var status = scanner.Scan(data, position, final, out var record);
            if (status == ScanStatus.TooLong)
            {
                throw new FrugalInputException(
                    $"{file.Path}: line {file.Line}: a record is longer than 1 MiB; this is not a FOCUS CSV export");
            }

            if (status != ScanStatus.Record)
            {
                return position;
            }

            if (!record.IsBlank)
            {
                ReadRow(file, data, record, scanner.Slots);
            }

            file.Line += record.LineBreaks;
            position = record.End;
        }
    }

    private void ReadRow(FileProgress file, ReadOnlySpan<byte> data, CsvRecord record, ReadOnlySpan<CsvField> slots)
    {
        RowsRead++;
        file.Rows++;
        var fault = record.Fault ?? (record.FieldCount == file.Header!.Names.Count
            ? null
            : $"has {record.FieldCount} fields; the header has {file.Header.Names.Count}");
        if (fault is null)
        {
            var row = new FocusRow(data, slots);
            fault = ReadValues(row, out var values) ?? _sink.Accept(row, values);
        }

        if (fault is not null)
        {
            Reject(file, fault);
        }
    }

    private void EndFile(FileProgress file)
    {
        if (file.Rows == 0)
        {
            throw new FrugalInputException($"{file.Path}: has a header but no data rows");
        }

        if (file.Rejected > 0)
        {
            FocusLedgerLog.RowsSkipped(_options.Logger, file.Path, file.Rejected);
        }

        FocusLedgerLog.FileRead(_options.Logger, file.Path, file.Rows);
    }

    /// <summary>Where the reader stands in one file.</summary>
    private sealed class FileProgress(string path)
    {
        public string Path { get; } = path;

        public FocusHeader? Header { get; set; }

        public CsvRecordScanner? Scanner { get; set; }

        /// <summary>The line on which the next record starts; the header is line 1.</summary>
        public long Line { get; set; } = 1;

        public long Rows { get; set; }

        public long Rejected { get; set; }
    }
}
