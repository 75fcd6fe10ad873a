using Microsoft.Extensions.Logging;

namespace Frugal.Engine.Ledger;

internal static partial class FocusLedgerLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Skipped line {Line} of {File}: {Reason}")]
    public static partial void RowSkipped(ILogger logger, string file, long line, string reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Skipped {Count} malformed rows of {File}")]
    public static partial void RowsSkipped(ILogger logger, string file, long count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Read {Rows} rows from {File}")]
    public static partial void FileRead(ILogger logger, string file, long rows);
}
