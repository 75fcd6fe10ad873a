using Frugal.Engine.Ledger;
using Microsoft.Extensions.Logging;
using static Frugal.Engine.Tests.Ledger.TempFocusFiles;

namespace Frugal.Engine.Tests.Ledger;

public sealed class FocusMalformedRowTests : IDisposable
{
    private readonly TempFocusFiles _files = new();

    [Theory]
    [InlineData("abc", "BilledCost 'abc' is not a number")]
    [InlineData("", "BilledCost is empty")]
    [InlineData("NULL", "BilledCost is empty")]
    [InlineData("1.2.3", "BilledCost '1.2.3' is not a number")]
    public async Task ReadAsync_BadCost_RejectsRowWithReason(string billed, string reason)
    {
        var path = _files.WriteRows("a.csv", Row(), Row(billed: billed), Row());

        var ledger = await Read(path);

        Assert.Equal(new RejectedRow(path, 3, reason), Assert.Single(ledger.Rejected));
        Assert.Equal((3, 1), (ledger.RowsRead, ledger.RowsRejected));
        Assert.Equal(2.00m, Assert.Single(ledger.Entries).BilledCost);
    }

    [Theory]
    [InlineData("", "ChargePeriodStart is empty")]
    [InlineData("yesterday", "ChargePeriodStart 'yesterday' is not a timestamp")]
    [InlineData("2026-13-01T00:00:00Z", "ChargePeriodStart '2026-13-01T00:00:00Z' is not a timestamp")]
    public async Task ReadAsync_BadChargePeriodStart_RejectsRow(string start, string reason)
    {
        var path = _files.WriteRows("a.csv", Row(start: start));

        var ledger = await Read(path);

        Assert.Equal(reason, Assert.Single(ledger.Rejected).Reason);
    }

    [Theory]
    [InlineData("", "BillingCurrency is empty")]
    [InlineData("US", "BillingCurrency 'US' is not an ISO 4217 currency code")]
    [InlineData("XYZ", "BillingCurrency 'XYZ' is not an ISO 4217 currency code")]
    public async Task ReadAsync_BadCurrency_RejectsRow(string currency, string reason)
    {
        var path = _files.WriteRows("a.csv", Row(currency: currency));

        var ledger = await Read(path);

        Assert.Equal(reason, Assert.Single(ledger.Rejected).Reason);
    }

    [Fact]
    public async Task ReadAsync_WrongFieldCount_RejectsRowWithCounts()
    {
        var path = _files.WriteRows("a.csv", Row() + ",extra", "2026-11-01,1,1,USD");

        var ledger = await Read(path);

        Assert.Equal(
            ["line 2: has 12 fields; the header has 11", "line 3: has 4 fields; the header has 11"],
            ledger.Rejected.Select(row => $"line {row.Line}: {row.Reason}"));
    }

    [Fact]
    public async Task ReadAsync_MalformedRowAfterMultiLineField_ReportsTheLineItStartsOn()
    {
        var path = _files.WriteRows(
            "a.csv",
            Row(service: "\"Compute\nEngine\nthree lines\""),
            Row(tags: "\"{\"\"a\"\":\r\n\"\"b\"\"}\""),
            Row(billed: "bad"));

        var ledger = await Read(path);

        Assert.Equal(7, Assert.Single(ledger.Rejected).Line);
    }

    [Fact]
    public async Task ReadAsync_TextAfterClosingQuote_RejectsRowAndReadsTheNext()
    {
        var path = _files.WriteRows("a.csv", Row(service: "\"Compute\"Engine"), Row(billed: "5"));

        var ledger = await Read(path);

        var rejected = Assert.Single(ledger.Rejected);
        Assert.Equal((2, "unexpected text after the closing quote of field 8"), (rejected.Line, rejected.Reason));
        Assert.Equal(5m, Assert.Single(ledger.Entries).BilledCost);
    }

    [Fact]
    public async Task ReadAsync_UnclosedQuoteAtEndOfFile_RejectsThatRecord()
    {
        var path = _files.Write("a.csv", Header + "\n" + Row() + "\n" + "2026-11-01,1,1,USD,G,A,S,\"Compute,r,f,\n\n");

        var ledger = await Read(path);

        Assert.Equal(
            new RejectedRow(path, 3, "a quoted field is not closed before the end of the file"),
            Assert.Single(ledger.Rejected));
    }

    [Fact]
    public async Task ReadAsync_TagsNotJson_RejectsRow()
    {
        var path = _files.WriteRows("a.csv", Row(tags: "team=ml"));

        var ledger = await Read(path);

        Assert.Equal("Tags is not a JSON object", Assert.Single(ledger.Rejected).Reason);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8InASliceColumn_RejectsRow()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Header + "\n" + Row(service: "Compute~Engine") + "\n");
        bytes[Array.IndexOf(bytes, (byte)'~')] = 0xFF;
        var path = _files.WriteBytes("a.csv", bytes);

        var ledger = await Read(path);

        Assert.Equal("ServiceName is not valid UTF-8", Assert.Single(ledger.Rejected).Reason);
    }

    [Fact]
    public async Task ReadAsync_Strict_FailsOnTheFirstMalformedRow()
    {
        var path = _files.WriteRows("a.csv", Row(), Row(billed: "1,5"), Row(billed: "x"));

        var error = await Assert.ThrowsAsync<FrugalInputException>(() => FocusLedgerReader.ReadAsync(
            [path], new FocusReadOptions { Strict = true }, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}: line 3: has 12 fields; the header has 11", error.Message);
    }

    [Fact]
    public async Task ReadAsync_ManyMalformedRows_KeepsTheFirstAndCountsAll()
    {
        var rows = Enumerable.Range(0, 30).Select(_ => Row(billed: "x")).Append(Row()).ToArray();
        var path = _files.WriteRows("a.csv", rows);
        var logger = new RecordingLogger();

        var ledger = await FocusLedgerReader.ReadAsync(
            [path],
            new FocusReadOptions { MaxRejectedRows = 5, Logger = logger },
            TestContext.Current.CancellationToken);

        Assert.Equal((30, 5), (ledger.RowsRejected, ledger.Rejected.Count));
        Assert.Equal([2L, 3, 4, 5, 6], ledger.Rejected.Select(row => row.Line));
        Assert.Equal(11, logger.Warnings.Count);
        Assert.Equal($"Skipped 30 malformed rows of {path}", logger.Warnings[^1]);
    }

    public void Dispose() => _files.Dispose();

    private static Task<CostLedger> Read(string path) =>
        FocusLedgerReader.ReadAsync([path], FocusReadOptions.Default, TestContext.Current.CancellationToken);

    private sealed class RecordingLogger : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
