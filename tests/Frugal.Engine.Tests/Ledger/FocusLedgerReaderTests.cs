using Frugal.Engine.Ledger;
using Frugal.Engine.Money;
using Frugal.Engine.Policies;
using static Frugal.Engine.Tests.Ledger.TempFocusFiles;

namespace Frugal.Engine.Tests.Ledger;

public sealed class FocusLedgerReaderTests : IDisposable
{
    private readonly TempFocusFiles _files = new();

    [Fact]
    public async Task ReadAsync_RowsOfOneSliceAndHour_SumsThemExactly()
    {
        var path = _files.WriteRows(
            "a.csv", Row(billed: "1.10", effective: "1.00"), Row(billed: "2.205", effective: "2"));

        var ledger = await Read(path);

        var entry = Assert.Single(ledger.Entries);
        Assert.Equal("3.305", entry.BilledCost.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3.00m, entry.EffectiveCost);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero), entry.ChargePeriodStart);
        Assert.Equal(2, ledger.RowsRead);
    }

    [Fact]
    public async Task ReadAsync_Row_BuildsSliceFromFocusColumns()
    {
        var path = _files.WriteRows("a.csv", Row());

        var ledger = await Read(path);

        var slice = ledger.Slices[Assert.Single(ledger.Entries).SliceId];
        Assert.Equal(
            ("Google Cloud", "ACCT-1", "ml-training", "Compute Engine", "us-central1"),
            (slice.Provider, slice.BillingAccountId, slice.SubAccountId, slice.ServiceName, slice.RegionId));
        Assert.Equal("ml", slice.Tags["team"]);
    }

    [Fact]
    public async Task ReadAsync_NullTextAndEmptyCells_AreTheSameNull()
    {
        var path = _files.WriteRows(
            "a.csv", Row(region: "NULL"), Row(region: ""), Row(region: "null"), Row(region: "\"\"", tags: "NULL"));

        var ledger = await Read(path);

        Assert.Equal(2, ledger.Slices.Count);
        Assert.All(ledger.Slices, slice => Assert.Equal(string.Empty, slice.RegionId));
        Assert.Empty(ledger.Slices[1].Tags);
    }

    [Theory]
    [InlineData("2024-10-01T00:00:00Z")]
    [InlineData("2024-10-01 00:00:00")]
    [InlineData("2024-10-01T00:00:00")]
    [InlineData("2024-10-01T00:00:00.000Z")]
    [InlineData("2024-10-01T02:00:00+02:00")]
    [InlineData("2024-09-30 20:00:00-04:00")]
    [InlineData("2024-10-01")]
    [InlineData("2024-10-01 00:00:00 UTC")]
    public async Task ReadAsync_TimestampForms_MeanTheSameUtcInstant(string start)
    {
        var path = _files.WriteRows("a.csv", Row(start: start));

        var ledger = await Read(path);

        var entry = Assert.Single(ledger.Entries);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero), entry.ChargePeriodStart);
        Assert.Equal(TimeSpan.Zero, entry.ChargePeriodStart.Offset);
    }

    [Fact]
    public async Task ReadAsync_ExtraColumnsAndMissingOptionalOnes_AreAccepted()
    {
        var path = _files.Write(
            "a.csv",
            "x_Discount,ChargePeriodStart,BilledCost,BillingCurrency,x_Notes\n" +
            "5,2026-11-01T00:00:00Z,4.5,USD,\"free, text\"\n");

        var ledger = await Read(path);

        var entry = Assert.Single(ledger.Entries);
        Assert.Equal((4.5m, 0m), (entry.BilledCost, entry.EffectiveCost));
        var slice = ledger.Slices[entry.SliceId];
        Assert.Equal(string.Empty, slice.Provider + slice.BillingAccountId + slice.ServiceName + slice.RegionId);
        Assert.Empty(slice.Tags);
    }

    [Fact]
    public async Task ReadAsync_NegativeAmounts_AreSubtracted()
    {
        var path = _files.WriteRows("a.csv", Row(billed: "100.00"), Row(billed: "-25.50", effective: "-25.50"));

        var ledger = await Read(path);

        Assert.Equal(74.50m, Assert.Single(ledger.Entries).BilledCost);
    }

    [Fact]
    public async Task ReadAsync_TagsWithOddKeys_KeepsKeysAndValuesAsWritten()
    {
        const string Json =
            """{"k8s.io/cluster-name":"serve-1","say \"hi\"":"q","équipe":"données","n":42,"o":{"a":[1]}}""";
        var quoted = '"' + Json.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
        var path = _files.WriteRows("a.csv", Row(tags: quoted));

        var ledger = await Read(path);

        var tags = Assert.Single(ledger.Slices).Tags;
        Assert.Equal("serve-1", tags["k8s.io/cluster-name"]);
        Assert.Equal("q", tags["say \"hi\""]);
        Assert.Equal("données", tags["ÉQUIPE".ToLowerInvariant()]);
        Assert.Equal("42", tags["n"]);
        Assert.Equal("""{"a":[1]}""", tags["o"]);
        Assert.Equal("serve-1", tags["K8S.IO/Cluster-Name"]);
    }

    [Fact]
    public async Task ReadAsync_ValuesDifferingOnlyInCase_ShareOneSlice()
    {
        var path = _files.WriteRows("a.csv", Row(service: "Compute Engine"), Row(service: "COMPUTE ENGINE"));

        var ledger = await Read(path);

        Assert.Equal("Compute Engine", Assert.Single(ledger.Slices).ServiceName);
        Assert.Equal(2.00m, Assert.Single(ledger.Entries).BilledCost);
    }

    [Fact]
    public async Task ReadAsync_SeveralCurrencies_KeepsThemApart()
    {
        var path = _files.WriteRows("a.csv", Row(currency: "USD"), Row(currency: "eur"), Row(currency: "USD"));

        var ledger = await Read(path);

        Assert.Equal(
            [("EUR", 1.00m), ("USD", 2.00m)],
            ledger.Entries.Select(entry => (entry.Currency.Code, entry.BilledCost)).OrderBy(pair => pair.Code));
    }

    [Fact]
    public async Task ReadAsync_QuotedFieldsWithCommasQuotesAndNewlines_AreRead()
    {
        var path = _files.Write(
            "a.csv",
            "ChargePeriodStart,ServiceName,BilledCost,BillingCurrency,ChargeDescription\r\n" +
            "2026-11-01T00:00:00Z,\"Compute, \"\"Engine\"\"\",1.5,USD,\"two\r\nlines\"\r\n" +
            "\"2026-11-01T00:00:00Z\",\"Compute, \"\"Engine\"\"\",\"2.5\",\"USD\",\"\"\r\n");

        var ledger = await Read(path);

        Assert.Equal("Compute, \"Engine\"", Assert.Single(ledger.Slices).ServiceName);
        Assert.Equal(4.0m, Assert.Single(ledger.Entries).BilledCost);
        Assert.Equal(0, ledger.RowsRejected);
    }

    [Fact]
    public async Task ReadAsync_HeaderNamesInAnyCaseWithBomAndBlankLines_AreRead()
    {
        var path = _files.Write(
            "a.csv", "\uFEFFchargeperiodstart,BILLEDCOST,billingcurrency\n\n2026-11-01,3,USD\n\n2026-11-01,4,USD");

        var ledger = await Read(path);

        Assert.Equal(7m, Assert.Single(ledger.Entries).BilledCost);
        Assert.Equal(2, ledger.RowsRead);
    }

    [Fact]
    public async Task ReadAsync_GzipFile_ReadsLikeThePlainOne()
    {
        var text = Header + "\n" + Row(billed: "1.25") + "\n" + Row(billed: "2") + "\n";
        var plain = _files.Write("a.csv", text);
        var gzipped = _files.WriteGzip("a.csv.gz", text);

        var fromPlain = await Read(plain);
        var fromGzip = await Read(gzipped);

        Assert.Equal(fromPlain.Entries, fromGzip.Entries);
        Assert.Equal(3.25m, Assert.Single(fromGzip.Entries).BilledCost);
    }

    [Fact]
    public async Task ReadAsync_EffectiveCostMetric_RequiresOnlyThatColumn()
    {
        var path = _files.Write("a.csv", "ChargePeriodStart,EffectiveCost,BillingCurrency\n2026-11-01,7.5,USD\n");

        var ledger = await FocusLedgerReader.ReadAsync(
            [path], new FocusReadOptions { Metric = CostMetric.EffectiveCost }, TestContext.Current.CancellationToken);

        var entry = Assert.Single(ledger.Entries);
        Assert.Equal((0m, 7.5m), (entry.BilledCost, entry.EffectiveCost));
    }

    [Fact]
    public async Task ReadAsync_SeveralFiles_AddsThemUp()
    {
        var first = _files.WriteRows("a.csv", Row(billed: "1"));
        var second = _files.WriteRows("b.csv", Row(billed: "2"), Row(billed: "x"));

        var ledger = await Read(first, second);

        Assert.Equal(3m, Assert.Single(ledger.Entries).BilledCost);
        Assert.Equal((3, 1), (ledger.RowsRead, ledger.RowsRejected));
        Assert.Equal(second, Assert.Single(ledger.Rejected).File);
    }

    [Fact]
    public async Task ReadAsync_ManyRowsAcrossBuffers_LinesAndSumsStayRight()
    {
        var rows = new List<string>();
        for (var i = 0; i < 6000; i++)
        {
            rows.Add(i % 97 == 0
                ? Row(billed: "0.01", service: "\"Compute\nEngine\"")
                : Row(billed: "0.01"));
        }

        rows[4500] = Row(billed: "oops");
        var path = _files.WriteRows("big.csv", [.. rows]);
        var expectedLine = 2 + 4500 + rows.Take(4500).Count(row => row.Contains('\n', StringComparison.Ordinal));

        var ledger = await Read(path);

        Assert.Equal(59.99m, ledger.Entries.Sum(entry => entry.BilledCost));
        Assert.Equal(expectedLine, Assert.Single(ledger.Rejected).Line);
    }

    [Fact]
    public async Task ReadAsync_RecordLargerThanTheFirstBuffer_IsRead()
    {
        var longText = new string('x', 700 * 1024);
        var path = _files.WriteRows("a.csv", Row(), Row(service: longText), Row());

        var ledger = await Read(path);

        Assert.Equal(longText, ledger.Slices[1].ServiceName);
        Assert.Equal(0, ledger.RowsRejected);
    }

    [Fact]
    public async Task ReadAsync_StrayQuoteInUnquotedField_IsTextAndLaterRowsParse()
    {
        var path = _files.WriteRows("a.csv", Row(service: "12\" rack"), Row(billed: "2"), Row(billed: "3"));

        var ledger = await Read(path);

        Assert.Equal(0, ledger.RowsRejected);
        Assert.Contains(ledger.Slices, slice => slice.ServiceName == "12\" rack");
        Assert.Equal(6.00m, ledger.Entries.Sum(entry => entry.BilledCost));
    }

    [Fact]
    public async Task ReadAsync_DefaultCurrency_FillsFilesWithoutTheColumn()
    {
        var path = _files.Write("a.csv", "ChargePeriodStart,BilledCost\n2026-11-01,2\n");

        var ledger = await FocusLedgerReader.ReadAsync(
            [path], new FocusReadOptions { DefaultCurrency = CurrencyCode.Parse("EUR") },
            TestContext.Current.CancellationToken);

        Assert.Equal("EUR", Assert.Single(ledger.Entries).Currency.Code);
    }

    public void Dispose() => _files.Dispose();

    private static Task<CostLedger> Read(params string[] paths) =>
        FocusLedgerReader.ReadAsync(paths, FocusReadOptions.Default, TestContext.Current.CancellationToken);
}
