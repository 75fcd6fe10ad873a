using Frugal.Engine.Ledger;
using Frugal.Engine.Money;

namespace Frugal.Engine.Tests.Ledger;

/// <summary>The FOCUS 1.2 specification's own example files, read as they are.</summary>
public sealed class FocusSpecExampleTests
{
    private static readonly string Purchase =
        TestData.Path("focus", "spec_v1.2_commitment_discount_purchase_scenario_1.csv");

    private static readonly string Usage = TestData.Path("focus", "spec_v1.2_commitment_discount_usage_scenario_1.csv");

    [Fact]
    public async Task ReadAsync_SpecExamplesWithDefaultCurrency_ReadsBothMetrics()
    {
        var options = new FocusReadOptions { DefaultCurrency = CurrencyCode.Parse("USD"), Strict = true };

        var ledger = await FocusLedgerReader.ReadAsync(
            [Purchase, Usage], options, TestContext.Current.CancellationToken);

        Assert.Equal((2, 0), (ledger.RowsRead, ledger.RowsRejected));
        var entry = Assert.Single(ledger.Entries);
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), entry.ChargePeriodStart);
        Assert.Equal(
            ("8760.00", "1.00", "USD"),
            (Invariant(entry.BilledCost), Invariant(entry.EffectiveCost), entry.Currency.Code));
    }

    [Fact]
    public async Task ReadAsync_SpecExampleWithoutCurrency_NamesTheMissingHeader()
    {
        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            FocusLedgerReader.ReadAsync([Usage], FocusReadOptions.Default, TestContext.Current.CancellationToken));

        Assert.StartsWith(
            $"{Usage}: the header has no BillingCurrency column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FocusColumns_All_MatchesTheSpecificationColumnList()
    {
        var path = TestData.Path("focus", "focus_columns_v1.0_v1.2.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        var specified = json.RootElement.EnumerateObject()
            .SelectMany(version => version.Value.EnumerateArray())
            .Select(column => column.GetProperty("ColumnId").GetString()!)
            .ToHashSet();

        Assert.Equal(specified.Order(StringComparer.Ordinal), FocusColumns.All.Order(StringComparer.Ordinal));
    }

    private static string Invariant(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
