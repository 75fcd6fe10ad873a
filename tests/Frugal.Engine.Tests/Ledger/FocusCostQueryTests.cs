using Frugal.Engine.Ledger;
using Frugal.Engine.Policies;
using static Frugal.Engine.Tests.Ledger.TempFocusFiles;

namespace Frugal.Engine.Tests.Ledger;

public sealed class FocusCostQueryTests : IDisposable
{
    private readonly TempFocusFiles _files = new();

    [Fact]
    public async Task QueryAsync_GroupByColumns_SumsPerGroupAndCurrencySortedByCost()
    {
        var path = _files.WriteRows(
            "a.csv",
            Row(service: "Compute Engine", billed: "10"),
            Row(service: "Cloud Storage", billed: "3"),
            Row(service: "Compute Engine", billed: "5", currency: "EUR"),
            Row(service: "Compute Engine", billed: "2"));

        var report = await Query(path, new FocusCostQuery { GroupBy = ["servicename"] });

        Assert.Equal(["ServiceName"], report.GroupBy);
        Assert.Equal(
            ["Compute Engine USD 12", "Compute Engine EUR 5", "Cloud Storage USD 3"],
            report.Groups.Select(group => $"{group.Key[0]} {group.Currency} {group.Cost.Amount}"));
        Assert.Equal(["EUR 5", "USD 15"], report.Totals.Select(total => $"{total.Currency} {total.Amount}"));
    }

    [Fact]
    public async Task QueryAsync_ValuesInAnyLetterCase_FallInOneGroup()
    {
        var path = _files.WriteRows(
            "a.csv", Row(frequency: "Usage-Based"), Row(frequency: "Usage-based"), Row(frequency: "USAGE-BASED"));

        var report = await Query(path, new FocusCostQuery { GroupBy = ["ChargeFrequency"] });

        var group = Assert.Single(report.Groups);
        Assert.Equal(("Usage-Based", 3.00m), (group.Key[0], group.Cost.Amount));
    }

    [Fact]
    public async Task QueryAsync_GroupByTag_ReadsTheKeyAnyCaseAndNullWhereAbsent()
    {
        var path = _files.WriteRows(
            "a.csv",
            Row(billed: "3", tags: "\"{\"\"Team\"\":\"\"ml\"\",\"\"env\"\":\"\"prod\"\"}\""),
            Row(tags: "\"{\"\"team\"\":\"\"ML\"\"}\""),
            Row(tags: "\"{}\""),
            Row(tags: ""));

        var report = await Query(path, new FocusCostQuery { GroupBy = ["tag:team", "SubAccountId"] });

        Assert.Equal(["tag:team", "SubAccountId"], report.GroupBy);
        Assert.Equal(
            [("ml", 4.00m), (null, 2.00m)],
            report.Groups.Select(group => (group.Key[0], group.Cost.Amount)));
    }

    [Fact]
    public async Task QueryAsync_FromAndTo_KeepHalfOpenRange()
    {
        var path = _files.WriteRows(
            "a.csv",
            Row(start: "2026-10-31T23:00:00Z", billed: "1"),
            Row(start: "2026-11-01T00:00:00Z", billed: "10"),
            Row(start: "2026-11-30T23:00:00Z", billed: "100"),
            Row(start: "2026-12-01 00:00:00", billed: "1000"));
        var november = new FocusCostQuery
        {
            From = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var report = await Query(path, november);

        Assert.Equal(110m, Assert.Single(report.Totals).Amount);
        Assert.Equal(4, report.RowsRead);
    }

    [Fact]
    public async Task QueryAsync_UnknownColumn_NamesIt()
    {
        var path = _files.WriteRows("a.csv", Row());

        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            Query(path, new FocusCostQuery { GroupBy = ["ServiceName", "Colour"] }));

        Assert.Equal($"{path}: unknown group-by column 'Colour': not a FOCUS column nor in the header", error.Message);
    }

    [Fact]
    public async Task QueryAsync_ExtraColumnOfTheHeader_CanBeGroupedOn()
    {
        var path = _files.Write("a.csv", "ChargePeriodStart,BilledCost,BillingCurrency,x_Team\n2026-11-01,1,USD,a\n");

        var report = await Query(path, new FocusCostQuery { GroupBy = ["X_TEAM", "RegionId"] });

        var group = Assert.Single(report.Groups);
        Assert.Equal(["X_TEAM", "RegionId"], report.GroupBy);
        Assert.Equal(["a", null], group.Key);
    }

    [Fact]
    public async Task QueryAsync_EffectiveCost_SumsThatColumn()
    {
        var path = _files.WriteRows("a.csv", Row(billed: "10", effective: "7.25"), Row(billed: "1", effective: "NULL"));

        var report = await Query(path, new FocusCostQuery(), CostMetric.EffectiveCost);

        Assert.Equal(CostMetric.EffectiveCost, report.Metric);
        Assert.Equal(7.25m, Assert.Single(report.Totals).Amount);
        Assert.Equal("EffectiveCost is empty", Assert.Single(report.Rejected).Reason);
    }

    [Theory]
    [InlineData("tag:")]
    [InlineData(" ")]
    public async Task QueryAsync_EmptyColumnName_IsRefused(string column)
    {
        var path = _files.WriteRows("a.csv", Row());

        await Assert.ThrowsAsync<FrugalInputException>(() => Query(path, new FocusCostQuery { GroupBy = [column] }));
    }

    public void Dispose() => _files.Dispose();

    private static Task<FocusCostReport> Query(
        string path, FocusCostQuery query, CostMetric metric = CostMetric.BilledCost) =>
        FocusLedgerReader.QueryAsync(
            [path], query, new FocusReadOptions { Metric = metric }, TestContext.Current.CancellationToken);
}
