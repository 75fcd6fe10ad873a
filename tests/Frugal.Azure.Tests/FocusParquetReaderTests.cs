using Frugal.Engine;
using Frugal.Engine.Ledger;
using Frugal.Focus.Parquet;

namespace Frugal.Azure.Tests;

public sealed class FocusParquetReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frugal-parquet-").FullName;

    [Fact]
    public async Task ReadAsync_ParquetAndCsvOfTheSameRows_GiveTheSameLedger()
    {
        var parquet = Path.Combine(_folder, "costs.parquet");
        await FocusParquetFiles.WriteAsync(parquet,
        [
            (new DateTime(2026, 11, 1), "Azure ML", 12.5m, 11.25, """{"team":"ml-platform"}"""),
            (new DateTime(2026, 11, 1), "Azure ML", 0.125m, 0.125, """{"team":"ml-platform"}"""),
            (new DateTime(2026, 11, 2), "Virtual Machines", 3m, 2.5, null),
        ]);
        var csv = Path.Combine(_folder, "costs.csv");
        await File.WriteAllTextAsync(csv, """
            ChargePeriodStart,BillingCurrency,ProviderName,SubAccountId,ServiceName,BilledCost,EffectiveCost,Tags
            2026-11-01T00:00:00Z,USD,Microsoft Azure,sub-1,Azure ML,12.5,11.25,"{""team"":""ml-platform""}"
            2026-11-01T00:00:00Z,USD,Microsoft Azure,sub-1,Azure ML,0.125,0.125,"{""team"":""ml-platform""}"
            2026-11-02T00:00:00Z,USD,Microsoft Azure,sub-1,Virtual Machines,3,2.5,

            """, TestContext.Current.CancellationToken);

        var ct = TestContext.Current.CancellationToken;
        var fromParquet = await FocusParquetReader.ReadAsync([parquet], FocusReadOptions.Default, ct);
        var fromCsv = await FocusLedgerReader.ReadAsync([csv], FocusReadOptions.Default, ct);

        Assert.Equal(Describe(fromCsv), Describe(fromParquet));
        Assert.Equal(12.625m, fromParquet.Entries[0].BilledCost);
        Assert.Equal("ml-platform", fromParquet.Slices[fromParquet.Entries[0].SliceId].Tags["team"]);
    }

    [Fact]
    public async Task ReadAsync_NoChargePeriodColumn_NamesIt()
    {
        var path = Path.Combine(_folder, "bad.parquet");
        await using (var file = File.Create(path))
        {
            await Parquet.Serialization.ParquetSerializer.SerializeUntypedAsync(
                [new Dictionary<string, object?> { ["BilledCost"] = 1m }],
                new Parquet.Schema.ParquetSchema(new Parquet.Schema.DecimalDataField("BilledCost", 18, 4)), file,
                cancellationToken: TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            FocusParquetReader.ReadAsync([path], FocusReadOptions.Default, TestContext.Current.CancellationToken));

        Assert.Equal($"{path}: the Parquet schema has no ChargePeriodStart column", error.Message);
    }

    [Fact]
    public async Task ReadAsync_NotParquet_IsRefused()
    {
        var path = Path.Combine(_folder, "not.parquet");
        await File.WriteAllTextAsync(path, "ChargePeriodStart,BilledCost\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<FrugalInputException>(() =>
            FocusParquetReader.ReadAsync([path], FocusReadOptions.Default, TestContext.Current.CancellationToken));

        Assert.StartsWith($"{path}: cannot be read as Parquet", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<string> Describe(CostLedger ledger) =>
    [
        .. ledger.Entries.Select(e =>
        {
            var s = ledger.Slices[e.SliceId];
            var tags = string.Join(',', s.Tags.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"));
            return $"{e.ChargePeriodStart:O}|{s.Provider}|{s.SubAccountId}|{s.ServiceName}|{tags}|{e.Currency}|" +
                $"{e.BilledCost}|{e.EffectiveCost}";
        }).Order(),
    ];
}
