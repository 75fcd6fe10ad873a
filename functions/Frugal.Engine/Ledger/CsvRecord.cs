namespace Frugal.Engine.Ledger;

/// <summary>Where one field of the current record lies in the buffer; <see cref="Start"/> is -1 when absent.</summary>
internal struct CsvField
{
    public static readonly CsvField Absent = new() { Start = -1 };

    public int Start;
    public int Length;

    /// <summary>The field was quoted: it may hold doubled quotes that must be collapsed before use.</summary>
    public bool Quoted;
}

/// <summary>A record the scanner found: its extent, its field count and the line breaks it spans.</summary>
internal readonly record struct CsvRecord(
    int Start, int End, int FieldCount, int LineBreaks, bool IsBlank, string? Fault);

internal enum ScanStatus
{
    Record,
    NeedMore,
    EndOfData,
    TooLong,
}

